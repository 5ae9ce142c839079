package org.predspace.ui.launch;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetInfo;
import org.predspace.tasks.TaskPresets;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.LearningRateSchedule;
import org.predspace.training.spec.NamedChoice;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.SpecForm.Field;
import org.predspace.training.spec.SpecForm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The controls of a New run or Sweep form, kept in step with a {@link SpecForm}: every edit
 * re-evaluates the form and publishes the {@link SpecForm.Result}. In a sweep the architecture,
 * optimiser, learning-rate, batch-size and seed fields are comma-separated lists and the task
 * field a ';'-separated one; in a single run architecture and optimiser are choices and the task
 * is typed or picked from the data set's presets.
 */
final class SpecFormPane extends GridPane {
    private final SpecForm form;
    private final Map<Field, Control> controls = new EnumMap<>(Field.class);
    private final ChoiceBox<String> builtIn = new ChoiceBox<>(FXCollections.observableArrayList(DatasetCatalog.builtInIds()));
    private final TextField ownData = new TextField();
    private final Map<String, DatasetInfo> infos = new ConcurrentHashMap<>();
    private final ReadOnlyObjectWrapper<SpecForm.Result> result = new ReadOnlyObjectWrapper<>();
    /** The single run's task: typed, or picked from "all", "random-labels" and the data set's presets. */
    private ComboBox<String> taskChoice;
    private int row;

    SpecFormPane(boolean sweep) {
        this.form = new SpecForm(sweep);
        form.shapes(id -> Optional.ofNullable(infos.get(id)).map(DatasetInfo::shape));
        form.classCounts(id -> Optional.ofNullable(infos.get(id)).map(DatasetInfo::classes));
        setHgap(10);
        setVgap(8);
        setPadding(new Insets(4));
        getStyleClass().add("spec-form");

        builtIn.setValue(form.get(Field.DATASET));
        builtIn.setTooltip(new Tooltip("A data set shipped with PredSpace"));
        builtIn.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                DatasetInfo i = id == null ? null : infos.get(id);
                return i == null ? id : id + "  (" + i.shape() + ", " + i.classes() + " classes)";
            }

            @Override
            public String fromString(String s) { return s; }
        });
        ownData.setPromptText("or your own: csv:FILE or idx:FOLDER");
        ownData.setPrefColumnCount(20);
        ownData.setTooltip(new Tooltip("Your own data: csv:FILE (label in the last column; csv:label=first:FILE), "
                + "or idx:FOLDER with MNIST-style IDX files. Used instead of the choice when filled in."));
        builtIn.valueProperty().addListener((o, a, b) -> update());
        ownData.textProperty().addListener((o, a, b) -> update());
        controls.put(Field.DATASET, ownData);
        HBox data = new HBox(8, builtIn, ownData);
        HBox.setHgrow(ownData, Priority.ALWAYS);
        addRow("Data set", data, null, null);
        addRow(sweep ? "Tasks" : "Task", sweep ? text(Field.TASK, "all; even-odd; classes:0,1,2", TASK_TIP
                + " Several tasks, separated by ';', are one axis of the sweep.") : taskChoice(), null, null);

        Control arch = sweep ? text(Field.ARCHITECTURE, "e.g. linear, mlp", "Architectures, comma-separated: " + Architecture.ids())
                : choice(Field.ARCHITECTURE, Architecture.values(), "linear, mlp, and the image-only lenet, allcnn, resnet");
        Control opt = sweep ? text(Field.OPTIMIZER, "e.g. sgd, adam", "Optimisers, comma-separated: " + OptimizerKind.ids())
                : choice(Field.OPTIMIZER, OptimizerKind.values(), "sgd, nesterov (momentum 0.9), adam, adamw, rmsprop");
        addRow("Architecture" + plural(sweep), arch, "Optimiser" + plural(sweep), opt);
        addRow("Hidden layers (mlp)", text(Field.HIDDEN_LAYERS, "2", "Number of hidden layers of the MLP, 1..16"),
                "Width", text(Field.WIDTH, "256", "MLP hidden width, or the base channel count of the CNNs"));
        CheckBox batchNorm = check("Batch norm", "Batch normalisation in mlp and lenet (allcnn and resnet always have it)",
                v -> form.batchNorm(v));
        CheckBox shift = check("Shift augmentation", "Random shifts of up to ±2 pixels (image data only)", v -> form.shiftAugment(v));
        addRow("", batchNorm, "", shift);

        addRow("Learning rate" + plural(sweep), text(Field.LEARNING_RATE, "0.001", "Learning rate" + (sweep ? "s, comma-separated" : "") + "; > 0"),
                "Schedule", choice(LearningRateSchedule.values(), LearningRateSchedule.CONSTANT,
                        "constant, or a half-cosine decay to 0 at the last step", v -> form.schedule(v)));
        addRow("Warm-up fraction", text(Field.WARMUP, "0", "Fraction of all steps spent ramping the learning rate up from 0; in [0, 1)"),
                "Weight decay", text(Field.WEIGHT_DECAY, "0", "L2 weight decay (decoupled for adamw); >= 0"));
        addRow("Batch size" + (sweep ? "s" : ""), text(Field.BATCH_SIZE, "128", "Minibatch size" + (sweep ? "s, comma-separated" : "") + "; >= 1"),
                "Epochs", text(Field.EPOCHS, "5", "Passes over the training data, 1..10000"));
        addRow("Random-label fraction", text(Field.RANDOM_LABELS, "0", "Fraction of training labels replaced by random ones; in [0, 1]"),
                "Seed" + plural(sweep), text(Field.SEED, "0", "Seed" + (sweep ? "s, comma-separated" : "")
                        + ": each fixes initialisation, data order and augmentation"));
        addRow("Checkpoints", text(Field.CHECKPOINTS, "60", "Checkpoints per run, log-spaced in steps; 2..10000"),
                "Parameter snapshots", choice(SnapshotPolicy.values(), SnapshotPolicy.ALL,
                        "Which checkpoints keep their weights (spectra need them): all, sparse (first, middle, last), last or none",
                        v -> form.snapshots(v)));
        addRow("Start from", text(Field.INIT_FROM, "optional: RUN_FOLDER or RUN_FOLDER@STEP",
                "Fine-tuning: start from this run's parameter snapshot at STEP (default: its last) instead of a fresh"
                        + " initialisation. Same architecture; on another task the output layer starts fresh from the seed."),
                null, null);
        addRow(sweep ? "Name prefix" : "Name", text(Field.NAME, sweep ? "optional, e.g. lecture1-" : "",
                sweep ? "Put in front of every run's name (names are made from the values)"
                        : "The run's folder name; leave empty for a name made from the values"), null, null);
        update();
    }

    private static final String TASK_TIP = "The labelled problem to train on: all; classes:A,B,... (those classes, relabelled 0..k-1"
            + " in order); groups:A,B/C,D/... (each group one class, classes not listed dropped); random-labels (every training"
            + " label drawn at random); or a preset of the data set (" + String.join("; ", TaskPresets.describe()) + ").";

    private ComboBox<String> taskChoice() {
        taskChoice = new ComboBox<>();
        taskChoice.setEditable(true);
        taskChoice.setId("field-task");
        taskChoice.getEditor().setText(form.get(Field.TASK));
        taskChoice.setTooltip(new Tooltip(TASK_TIP));
        taskChoice.setPrefWidth(320);
        taskChoice.getEditor().textProperty().addListener((o, a, b) -> {
            form.set(Field.TASK, b);
            update();
        });
        controls.put(Field.TASK, taskChoice);
        return taskChoice;
    }

    /** The task choices of data set {@code id}: the full problem, random labels, its presets. */
    private void offerTasks(String id) {
        if (taskChoice == null) return;
        List<String> offered = new ArrayList<>(List.of("all", "random-labels"));
        offered.addAll(TaskPresets.of(id).keySet());
        if (!offered.equals(taskChoice.getItems())) taskChoice.getItems().setAll(offered);
    }

    private static String plural(boolean sweep) { return sweep ? "s" : ""; }

    private void addRow(String label1, Node control1, String label2, Node control2) {
        add(label(label1), 0, row);
        if (control2 == null) {
            add(control1, 1, row, 3, 1);
        } else {
            add(control1, 1, row);
            add(label(label2), 2, row);
            add(control2, 3, row);
        }
        row++;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private TextField text(Field f, String prompt, String tip) {
        TextField t = new TextField(form.get(f));
        t.setPromptText(prompt);
        t.setTooltip(new Tooltip(tip));
        t.setPrefColumnCount(12);
        t.setId("field-" + f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        t.textProperty().addListener((o, a, b) -> {
            form.set(f, b);
            update();
        });
        controls.put(f, t);
        return t;
    }

    private <E extends Enum<E> & NamedChoice> ChoiceBox<E> choice(Field f, E[] values, String tip) {
        E initial = Arrays.stream(values).filter(v -> v.id().equals(form.get(f))).findFirst().orElse(values[0]);
        ChoiceBox<E> box = choice(values, initial, tip, v -> {
            form.set(f, v.id());
            update();
        });
        controls.put(f, box);
        return box;
    }

    private <E extends Enum<E> & NamedChoice> ChoiceBox<E> choice(E[] values, E initial, String tip, Consumer<E> set) {
        ChoiceBox<E> box = new ChoiceBox<>(FXCollections.observableArrayList(values));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(E e) { return e == null ? "" : e.id(); }

            @Override
            public E fromString(String s) { return null; }
        });
        box.setValue(initial);
        box.setTooltip(new Tooltip(tip));
        box.valueProperty().addListener((o, a, b) -> {
            set.accept(b);
            update();
        });
        return box;
    }

    private CheckBox check(String text, String tip, Consumer<Boolean> set) {
        CheckBox c = new CheckBox(text);
        c.setTooltip(new Tooltip(tip));
        c.selectedProperty().addListener((o, a, b) -> {
            set.accept(b);
            update();
        });
        return c;
    }

    private void update() {
        String own = ownData.getText() == null ? "" : ownData.getText().trim();
        form.set(Field.DATASET, own.isEmpty() ? builtIn.getValue() : own);
        offerTasks(form.get(Field.DATASET));
        builtIn.setDisable(!own.isEmpty());
        SpecForm.Result r = form.evaluate();
        TextField name = (TextField) controls.get(Field.NAME);
        if (name != null && !form.sweep()) {
            name.setPromptText(r.valid() && name.getText().isBlank() ? r.specs().get(0).name() : "");
        }
        result.set(r);
    }

    /** Tells the form the catalog's data sets (their shapes and sizes), loaded in the background. */
    void catalogLoaded(List<DatasetInfo> available) {
        available.forEach(i -> infos.put(i.id(), i));
        String v = builtIn.getValue();
        builtIn.setValue(null);
        builtIn.setValue(v);
        update();
    }

    ReadOnlyObjectProperty<SpecForm.Result> resultProperty() { return result.getReadOnlyProperty(); }

    SpecForm.Result result() { return result.get(); }

    /** The control where a field is typed (the own-data field stands for the data set). */
    Control control(Field f) { return controls.get(f); }

    Map<Field, Control> controls() { return controls; }

    ChoiceBox<String> builtInData() { return builtIn; }
}
