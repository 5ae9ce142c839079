package org.predspace.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.paint.Color;
import org.predspace.session.RunState;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run as the UI holds it: the latest {@link RunState} from the session (replaced, never
 * edited), whether it is drawn, and its own colour (its swatch in the table and the legend).
 * Read-only outside: whether it is drawn changes through {@link ExplorerModel#showRun}.
 * Touched on the JavaFX thread only.
 */
public final class RunItem {
    private final String name;
    private final ReadOnlyObjectWrapper<RunState> state;
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible", true);
    private final ReadOnlyObjectWrapper<Color> colour;

    RunItem(RunState initial, Color colour) {
        this.name = initial.name();
        this.state = new ReadOnlyObjectWrapper<>(this, "state", initial);
        this.colour = new ReadOnlyObjectWrapper<>(this, "colour", colour);
    }

    /**
     * A run that does not exist, training from step 0: for drawing a row that is never shown.
     * Its name has every lower-case letter, digit and the punctuation of run names, so drawing
     * it puts the glyphs that run names are made of into the glyph cache.
     */
    public static RunItem standIn() {
        Map<String, Object> spec = Map.of("dataset", "mnist", "architecture", "mlp",
                "optimizer", "sgd", "learning_rate", 0.1, "batch_size", 64, "seed", 0);
        return new RunItem(new RunState("abcdefghijklmnopqrstuvwxyz-0123456789_.", Path.of("stand-in"), spec, RunState.Phase.TRAINING,
                "", List.of(), 0, 100, true), Color.GREY);
    }

    public String name() { return name; }

    public RunState state() { return state.get(); }

    public ReadOnlyObjectProperty<RunState> stateProperty() { return state.getReadOnlyProperty(); }

    void update(RunState s) { state.set(s); }

    public ReadOnlyBooleanProperty visibleProperty() { return visible.getReadOnlyProperty(); }

    void setVisible(boolean shown) { visible.set(shown); }

    public boolean isVisible() { return visible.get(); }

    public ReadOnlyObjectProperty<Color> colourProperty() { return colour.getReadOnlyProperty(); }

    public Color colour() { return colour.get(); }

    @Override
    public String toString() { return name; }
}
