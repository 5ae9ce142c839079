package org.predspace.ui.chapters;

import org.predspace.ui.view3d.CameraPose;

import java.util.Set;

/**
 * What a window does for a chapter beyond the model's drawing settings: the camera, the panel
 * in front and its modes, playback. The main window implements it; tests can record calls.
 */
public interface ChapterStage {
    /** The camera as it is now. */
    CameraPose pose();

    /** Moves the camera to {@code pose}, smoothly when the window is showing. */
    void glideTo(CameraPose pose);

    /** The title of the panel in front, or null. */
    String panel();

    /** Brings the panel titled {@code panel} to the front (null: leaves it) and sets the panels' modes. */
    void showPanel(String panel, Set<PanelOption> options);

    /** The panel modes switched on now. */
    Set<PanelOption> options();

    /** Plays training from its first step ({@code true}) or stops playback. */
    void play(boolean fromStart);
}
