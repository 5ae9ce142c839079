package org.predspace.ui.chapters;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Steps through the model's chapters: showing one sets the picture's drawing settings and run
 * visibility from it and asks the window ({@link ChapterStage}) for the camera, the panel and
 * playback. The chapters live in the model ({@link ExplorerModel#chapters()}), so workspaces
 * keep them; which one is shown is this window's.
 */
public final class ChapterTour {
    private final ExplorerModel model;
    private final ChapterStage stage;
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(this, "current", -1);
    private final BooleanProperty captionShown = new SimpleBooleanProperty(this, "captionShown", true);

    public ChapterTour(ExplorerModel model, ChapterStage stage) {
        this.model = model;
        this.stage = stage;
        // editing the list keeps the index on a chapter that exists
        model.chapters().addListener((ListChangeListener<Chapter>) c -> {
            if (current.get() >= model.chapters().size()) current.set(model.chapters().size() - 1);
        });
    }

    public ObservableList<Chapter> chapters() { return model.chapters(); }

    /** The index of the chapter shown last, or -1. */
    public ReadOnlyIntegerProperty currentProperty() { return current.getReadOnlyProperty(); }

    /** The chapter shown last, or null. */
    public Chapter current() {
        int i = current.get();
        return i >= 0 && i < model.chapters().size() ? model.chapters().get(i) : null;
    }

    /** Whether the caption of the current chapter is on screen (a lecturer may hide it). */
    public BooleanProperty captionShownProperty() { return captionShown; }

    /** Shows chapter {@code index} (0-based); false if there is none. */
    public boolean show(int index) {
        if (index < 0 || index >= model.chapters().size()) return false;
        Chapter c = model.chapters().get(index);
        current.set(index);
        stage.play(false);
        Set<String> shown = new HashSet<>(c.shownRuns());
        for (RunItem r : model.runs()) model.showRun(r, shown.isEmpty() || shown.contains(r.name()));
        model.colourBy(c.colouring());
        model.showProbe(c.probe());
        model.setAxes(c.axes());
        model.showTrajectories(c.trajectoriesShown());
        model.showUpToStep(c.shownUpToStep());
        if (c.selected() != null && model.run(c.selected().run()) != null) model.selectCheckpoint(c.selected());
        else model.clearSelection();
        // after the selection: a mode may act on it (the Spectrum panel's initialisation overlay)
        model.setPanelModes(c.options());
        stage.showPanels(c.panels());
        stage.glideTo(c.pose());
        if (c.play()) stage.play(true);
        return true;
    }

    /** The next chapter (the first, when none is shown yet); false at the end. */
    public boolean next() { return show(current.get() + 1); }

    /** The previous chapter; false at the first. */
    public boolean previous() { return current.get() > 0 && show(current.get() - 1); }

    /**
     * The picture as it is now, as a chapter: the visible runs (none listed when all are
     * visible), the drawing settings, the camera, the panel in front with its modes, the selection.
     */
    public Chapter capture(String title) {
        List<String> visible = new ArrayList<>();
        boolean all = true;
        for (RunItem r : model.runs()) {
            if (r.isVisible()) visible.add(r.name()); else all = false;
        }
        return new Chapter(title, "", "", model.camera(), model.colouringProperty().get(), model.probeProperty().get(),
                model.axes(), model.shownUpToStepProperty().get(), model.trajectoriesShownProperty().get(),
                all ? List.of() : visible, stage.panel() == null ? List.of() : List.of(stage.panel()), Set.copyOf(model.panelModes()), model.selectedCheckpoint(), false);
    }
}
