package org.predspace.ui.workspace;

import org.predspace.ui.ExplorerModel;
import org.predspace.ui.PlaybackBar;
import org.predspace.ui.RunItem;

import java.util.HashSet;
import java.util.Set;

/**
 * Takes and recalls saved views of the picture: the model's drawing settings, its camera and
 * the run visibility. Views live in the model
 * ({@link ExplorerModel#savedViews()}), so the workspace saves them; the first nine are the
 * slots that keys 1-9 recall.
 */
public final class SavedViews {
    public static final int SLOTS = 9;

    private final ExplorerModel model;
    private final PlaybackBar playback;

    public SavedViews(ExplorerModel model, PlaybackBar playback) {
        this.model = model;
        this.playback = playback;
    }

    /** The picture as it is now, under {@code name}. */
    public SavedView capture(String name) {
        Set<String> hidden = new HashSet<>();
        for (RunItem r : model.runs()) if (!r.isVisible()) hidden.add(r.name());
        return new SavedView(name, model.camera(), model.colouringProperty().get(), model.probeProperty().get(), model.axes(),
                model.shownUpToStepProperty().get(), model.trajectoriesShownProperty().get(), hidden);
    }

    /** Shows {@code v}: playback stops, and runs it does not hide are shown. */
    public void recall(SavedView v) {
        playback.pause();
        for (RunItem r : model.runs()) model.showRun(r, !v.hiddenRuns().contains(r.name()));
        model.colourBy(v.colouring());
        model.showProbe(v.probe());
        model.setAxes(v.axes());
        model.showTrajectories(v.trajectoriesShown());
        model.showUpToStep(v.shownUpToStep());
        model.setCamera(v.pose());
    }

    /** Recalls the view in slot {@code slot} (1-based); false if that slot is empty. */
    public boolean recallSlot(int slot) {
        if (slot < 1 || slot > model.savedViews().size()) return false;
        recall(model.savedViews().get(slot - 1));
        return true;
    }

    /**
     * Saves the current picture in slot {@code slot} (1-based), keeping that slot's name if it
     * has one; beyond the last saved view it is added at the end.
     */
    public SavedView store(int slot) {
        var views = model.savedViews();
        if (slot >= 1 && slot <= views.size()) {
            SavedView v = capture(views.get(slot - 1).name());
            model.replaceView(slot - 1, v);
            return v;
        }
        SavedView v = capture(freshName());
        model.addView(v);
        return v;
    }

    /** "View N" with the first N not taken. */
    public String freshName() {
        Set<String> taken = new HashSet<>();
        model.savedViews().forEach(v -> taken.add(v.name()));
        for (int n = model.savedViews().size() + 1; ; n++) if (!taken.contains("View " + n)) return "View " + n;
    }
}
