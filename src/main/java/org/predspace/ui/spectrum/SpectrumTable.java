package org.predspace.ui.spectrum;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.predspace.spectra.Spectrum;
import org.predspace.spectra.SpectrumSummary;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The numbers quoted for each series (docs/science.md §7): kind, run, step, n, P, decades spanned,
 * effective dimension and trace, with the computation's progress or outcome.
 */
final class SpectrumTable extends TableView<SpectrumRow> {
    private final Predicate<String> runOpen;

    SpectrumTable(Predicate<String> runOpen) {
        this.runOpen = runOpen;
        setId("spectrum-table");
        getStyleClass().add("spectrum-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No spectra yet: select a checkpoint."));
        setTooltip(new Tooltip("One row per spectrum drawn; hover a column title for what it means"));
        getColumns().setAll(List.of(
                seriesColumn(),
                text("kind", "Which matrix: fim (true Fisher), efim (empirical Fisher), hessian, input, or density (the Hessian's spectral density)", 70, r -> r.key().kind().id()),
                text("run", "The run", 100, r -> r.key().run()),
                text("step", "The step whose parameters were used (and the selected step, when another stood in)", 70,
                        SpectrumRow::step),
                text("n", "Probe samples the matrix averages over (at most the run's probe size)", 50,
                        r -> spectrum(r, s -> Integer.toString(s.samples()))),
                text("P", "Dimension: parameters of the network (inputs for the input spectrum)", 64,
                        r -> r.outcome() != null && r.outcome().density() != null
                                ? Integer.toString(r.outcome().density().parameters())
                                : spectrum(r, s -> Integer.toString(s.parameters()))),
                text("decades", "log10 of largest / smallest eigenvalue above 1e-12 of the largest (1e-8 for the Hessian)", 78,
                        r -> summary(r, s -> String.format(Locale.ROOT, "%.1f", s.decades()))),
                text("eff. dim.", "Effective dimension: eigenvalues above 1e-3 of the largest", 82,
                        r -> summary(r, s -> Integer.toString(s.effectiveDimension()))),
                text("trace", "Sum of the eigenvalues computed", 80,
                        r -> summary(r, s -> String.format(Locale.ROOT, "%.3g", s.trace()))),
                statusColumn()));
    }

    private static String spectrum(SpectrumRow r, Function<Spectrum, String> f) {
        return r.hasSpectrum() ? f.apply(r.outcome().spectrum()) : "";
    }

    private static String summary(SpectrumRow r, Function<SpectrumSummary, String> f) {
        return r.hasSpectrum() && r.outcome().summary() != null ? f.apply(r.outcome().summary()) : "";
    }

    /** A column whose title carries the tooltip (TableColumn has none of its own). */
    private static <T> TableColumn<SpectrumRow, T> titled(String title, String tip, double width) {
        TableColumn<SpectrumRow, T> c = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<SpectrumRow, String> text(String title, String tip, double width,
                                                         Function<SpectrumRow, String> value) {
        TableColumn<SpectrumRow, String> c = titled(title, tip, width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    private static TableColumn<SpectrumRow, SpectrumRow> seriesColumn() {
        TableColumn<SpectrumRow, SpectrumRow> c = titled("line", "Line style in the charts: run colour, "
                + "dash for several checkpoints of one run", 56);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            {
                setAlignment(Pos.CENTER);
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(SpectrumRow row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null ? null : SpectrumLegend.sample(row.compared().style()));
                setTooltip(empty || row == null ? null : new Tooltip(row.label()));
            }
        });
        return c;
    }

    private TableColumn<SpectrumRow, SpectrumRow> statusColumn() {
        TableColumn<SpectrumRow, SpectrumRow> c = titled("status", "Progress while computing (also in the status bar, "
                + "where it can be cancelled), then the time taken or why there is no spectrum", 260);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(SpectrumRow row, boolean empty) {
                super.updateItem(row, empty);
                textProperty().unbind();
                setGraphic(null);
                setTooltip(null);
                if (empty || row == null) {
                    setText(null);
                } else if (row.computation() != null) {
                    ProgressBar bar = new ProgressBar();
                    bar.progressProperty().bind(row.computation().progressProperty());
                    bar.setPrefWidth(90);
                    Label stage = new Label();
                    stage.textProperty().bind(row.computation().messageProperty());
                    setText(null);
                    setGraphic(new HBox(6, bar, stage));
                } else {
                    String status = row.status(runOpen.test(row.key().run()));
                    setText(status);
                    setTooltip(new Tooltip(status));
                }
            }
        });
        return c;
    }
}
