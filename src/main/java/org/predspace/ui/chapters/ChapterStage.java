package org.predspace.ui.chapters;

import org.predspace.ui.CameraPose;

import java.util.List;

/**
 * What a window does for a chapter beyond the model's state: the camera's glide, the panel in
 * front, playback (the camera's pose itself is the model's). The main window implements it;
 * tests can record calls.
 */
public interface ChapterStage {
    /** Moves the camera to {@code pose}, smoothly when the window is showing. */
    void glideTo(CameraPose pose);

    /** The title of the panel in front, or null. */
    String panel();

    /** Brings the first of the panels with these titles to the front (none: leaves the panels as they are). */
    void showPanels(List<String> panels);

    /** Plays training from its first step ({@code true}) or stops playback. */
    void play(boolean fromStart);
}
