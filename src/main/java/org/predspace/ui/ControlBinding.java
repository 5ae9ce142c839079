package org.predspace.ui;

import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps a control in step with a piece of the model's read-only state, both ways, as
 * bindBidirectional did when the state was writable: the control shows the state, and what the
 * user sets on the control goes back through the model's command (the only way state changes).
 */
public final class ControlBinding {
    private ControlBinding() {}

    /**
     * @param control  the control's value (a check box's selected, a slider's value)
     * @param state    the model's read-only property
     * @param command  the model's command that sets it
     */
    public static <T> void bothWays(Property<T> control, ObservableValue<T> state, Consumer<T> command) {
        control.setValue(state.getValue());
        state.addListener((o, was, now) -> control.setValue(now));
        control.addListener((o, was, now) -> {
            // the echo of a state change arrives equal and stops here
            if (!Objects.equals(now, state.getValue())) command.accept(now);
        });
    }
}
