package org.predspace.ui;

import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

import java.util.function.Consumer;

/**
 * Keeps a panel's mode control and the model's set of panel modes in step, both ways: a chapter
 * shown sets the control, and the control set by hand is in the set, so a chapter captured from
 * the view records it.
 */
public final class PanelModes {
    private PanelModes() {}

    /**
     * @param control whether the panel's control shows {@code option} on
     * @param show    sets the control (a toggle group may need its other button selected to turn it off)
     */
    public static void follow(ExplorerModel model, PanelOption option, ObservableValue<Boolean> control,
                              Consumer<Boolean> show) {
        ObservableSet<PanelOption> modes = model.panelModes();
        if (modes.contains(option)) show.accept(true);
        else if (Boolean.TRUE.equals(control.getValue())) model.setPanelMode(option, true);
        control.addListener((o, was, on) -> model.setPanelMode(option, Boolean.TRUE.equals(on)));
        modes.addListener((SetChangeListener<PanelOption>) c -> {
            boolean on = modes.contains(option);
            if ((c.getElementAdded() == option || c.getElementRemoved() == option) && on != Boolean.TRUE.equals(control.getValue())) {
                show.accept(on);
            }
        });
    }
}
