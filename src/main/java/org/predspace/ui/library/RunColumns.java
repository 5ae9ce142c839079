package org.predspace.ui.library;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.predspace.session.LearningRule;
import org.predspace.session.RunState;
import org.predspace.tasks.Task;
import org.predspace.ui.RunItem;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The library's columns. Every value is bound to the run's state property, so a row changes in
 * place when its run reports progress; the table is never rebuilt.
 */
final class RunColumns {
    /** Style classes of the status cell; the marked phases also get a symbol, readable without colour. */
    static final String DIVERGED_STYLE = "run-status-diverged";
    static final String FAILED_STYLE = "run-status-failed";
    /** Style class of the Learned cell of a run that did not learn (or diverged). */
    static final String NOT_LEARNED_STYLE = "run-not-learned";

    private RunColumns() {}

    /**
     * @param rule the did-not-learn rule now in force; the Learned column follows it
     * @param show the model's command that draws a run or leaves it out (the Show box)
     */
    static List<TableColumn<RunItem, ?>> all(ObservableValue<LearningRule> rule, BiConsumer<RunItem, Boolean> show) {
        return List.of(swatch(), visible(show), text("Name", "the run's name (its folder)", RunState::name, 220),
                text("Data", "data set", RunState::dataset, 80),
                text("Task", "the labelled problem trained on: all classes, a preset, or classes:/groups:/random-labels",
                        r -> Task.label(r.spec()), 90),
                text("Arch", "architecture", RunState::architecture, 70),
                text("Optimiser", "optimiser", RunState::optimizer, 90),
                number("lr", "learning rate", RunState::learningRate, RunColumns::compact),
                number("Batch", "batch size", RunState::batchSize, RunColumns::whole),
                number("Seed", "seed: fixes initialisation, data order and augmentation", RunState::seed, RunColumns::whole),
                status(), learned(rule), progress(),
                number("Accuracy", "held-out accuracy at the last checkpoint", RunState::finalAccuracy, RunColumns::percent));
    }

    private static <T> TableColumn<RunItem, T> column(String title, String tip, double width) {
        TableColumn<RunItem, T> c = new TableColumn<>(title);
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setText(null);
        c.setPrefWidth(width);
        c.setId("run-column-" + title.toLowerCase(Locale.ROOT));
        return c;
    }

    /** A value of the run's current state, recomputed whenever the state is replaced. */
    private static <T> ObservableValue<T> ofState(RunItem item, Function<RunState, T> f) {
        return Bindings.createObjectBinding(() -> f.apply(item.state()), item.stateProperty());
    }

    private static TableColumn<RunItem, Color> swatch() {
        TableColumn<RunItem, Color> c = column("", "the run's colour in every picture", 34);
        ((Label) c.getGraphic()).setText("●");
        c.setSortable(false);
        c.setCellValueFactory(cd -> cd.getValue().colourProperty());
        c.setCellFactory(col -> new TableCell<>() {
            private final Rectangle box = new Rectangle(16, 16);

            @Override
            protected void updateItem(Color colour, boolean empty) {
                super.updateItem(colour, empty);
                if (empty || colour == null) {
                    setGraphic(null);
                } else {
                    box.setFill(colour);
                    setGraphic(box);
                }
            }
        });
        return c;
    }

    private static TableColumn<RunItem, Boolean> visible(BiConsumer<RunItem, Boolean> show) {
        TableColumn<RunItem, Boolean> c = column("Show", "draw this run in the 3D view and the panels", 56);
        c.setCellValueFactory(cd -> cd.getValue().visibleProperty());
        // the box shows the run's visibility and a click asks the model (a CheckBoxTableCell would write the run's property itself)
        c.setCellFactory(col -> new TableCell<>() {
            private final CheckBox box = new CheckBox();

            {
                getStyleClass().add("check-box-table-cell");
                setAlignment(Pos.CENTER);
                box.setOnAction(e -> {
                    RunItem r = getTableRow() == null ? null : getTableRow().getItem();
                    if (r != null) show.accept(r, box.isSelected());
                });
            }

            @Override
            protected void updateItem(Boolean shown, boolean empty) {
                super.updateItem(shown, empty);
                if (empty || shown == null) {
                    setGraphic(null);
                    return;
                }
                box.setSelected(shown);
                setGraphic(box);
            }
        });
        c.setEditable(true);
        return c;
    }

    private static TableColumn<RunItem, String> text(String title, String tip, Function<RunState, String> f, double width) {
        TableColumn<RunItem, String> c = column(title, tip, width);
        c.setCellValueFactory(cd -> ofState(cd.getValue(), f));
        return c;
    }

    private static TableColumn<RunItem, Double> number(String title, String tip, Function<RunState, Double> f,
                                                       Function<Double, String> format) {
        TableColumn<RunItem, Double> c = column(title, tip, 14 + 11 * Math.max(5, title.length()));
        c.setCellValueFactory(cd -> ofState(cd.getValue(), f));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "–" : format.apply(v));
            }
        });
        c.setComparator(Comparator.nullsFirst(Double::compare));
        return c;
    }

    private static TableColumn<RunItem, RunState> status() {
        TableColumn<RunItem, RunState> c = column("Status", "queued, training, finished, cancelled, diverged or failed; hover for the message", 110);
        c.setCellValueFactory(cd -> cd.getValue().stateProperty());
        c.setComparator(Comparator.comparing(RunState::phase));
        c.setCellFactory(col -> new TableCell<>() {
            // one per cell, its text replaced: a new Tooltip (a popup window) on every checkpoint was costly
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(RunState s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll(DIVERGED_STYLE, FAILED_STYLE);
                if (empty || s == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(statusText(s.phase()));
                if (s.phase() == RunState.Phase.DIVERGED) getStyleClass().add(DIVERGED_STYLE);
                if (s.phase() == RunState.Phase.FAILED) getStyleClass().add(FAILED_STYLE);
                String m = s.message();
                tip.setText(m == null || m.isBlank() ? s.phase().label() : s.phase().label() + ": " + m);
                setTooltip(tip);
            }
        });
        return c;
    }

    /** Whether the run learned by the rule in force: "yes", "no", "diverged", or "–" while undecided; hover for why. */
    private static TableColumn<RunItem, LearningRule.Verdict> learned(ObservableValue<LearningRule> rule) {
        TableColumn<RunItem, LearningRule.Verdict> c = column("Learned",
                "no: final train error at or above the threshold (View > Did-not-learn threshold…), or the loss diverged; "
                        + "such runs are grey in the picture; hover for the figures", 90);
        c.setCellValueFactory(cd -> Bindings.createObjectBinding(() -> rule.getValue().judge(cd.getValue().state()),
                cd.getValue().stateProperty(), rule));
        c.setComparator(Comparator.comparing(LearningRule.Verdict::kind));
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(LearningRule.Verdict v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().remove(NOT_LEARNED_STYLE);
                if (empty || v == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(learnedText(v.kind()));
                if (v.marked()) getStyleClass().add(NOT_LEARNED_STYLE);
                tip.setText(v.reason());
                setTooltip(tip);
            }
        });
        return c;
    }

    static String learnedText(LearningRule.Kind kind) {
        return switch (kind) {
            case LEARNED -> "yes";
            case DID_NOT_LEARN -> "✗ no";
            case DIVERGED -> "✗ diverged";
            case UNDECIDED -> "–";
        };
    }

    static String statusText(RunState.Phase phase) {
        return switch (phase) {
            case DIVERGED -> "⚠ " + phase.label();
            case FAILED -> "✖ " + phase.label();
            default -> phase.label();
        };
    }

    private static TableColumn<RunItem, RunState> progress() {
        TableColumn<RunItem, RunState> c = column("Progress", "share of the planned steps done", 120);
        c.setCellValueFactory(cd -> cd.getValue().stateProperty());
        c.setComparator(Comparator.comparingDouble(RunColumns::shownFraction));
        c.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Tooltip tip = new Tooltip();

            {
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.setTooltip(tip);
            }

            @Override
            protected void updateItem(RunState s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                boolean starting = s.phase() == RunState.Phase.TRAINING && s.step() <= 0;
                bar.setProgress(starting ? ProgressBar.INDETERMINATE_PROGRESS : shownFraction(s));
                tip.setText(s.totalSteps() > 0 ? "step " + Math.max(0, s.step()) + " of " + s.totalSteps()
                        : s.phase().label());
                setGraphic(bar);
            }
        });
        return c;
    }

    /** How far the run got: a run stopped early (cancelled, diverged, failed) shows where it stopped, not a full bar. */
    static double shownFraction(RunState s) {
        boolean stoppedEarly = s.phase().ended() && s.phase() != RunState.Phase.FINISHED;
        if (stoppedEarly && s.totalSteps() > 0 && s.step() >= 0) return Math.min(1, s.step() / (double) s.totalSteps());
        return s.fraction();
    }

    static String compact(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) return s.replaceFirst("\\.?0+e", "e");
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }

    static String whole(double v) { return Long.toString(Math.round(v)); }

    static String percent(double v) { return String.format(Locale.ROOT, "%.1f %%", 100 * v); }
}
