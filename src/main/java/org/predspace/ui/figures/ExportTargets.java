package org.predspace.ui.figures;

import javafx.stage.Window;

import java.nio.file.Path;

/**
 * Where an export goes and how large an image is: asked of the user with a file chooser and a
 * size dialog ({@link DialogTargets}); tests answer instead, since native file choosers cannot
 * be driven.
 */
public interface ExportTargets {
    /**
     * A file to write, or null when the user cancelled.
     *
     * @param extension with its dot, e.g. ".png"
     */
    Path saveAs(Window owner, String title, String fileName, String description, String extension);

    /** The size of an image to export, or null when the user cancelled. */
    ImageSize imageSize(Window owner, String title, ImageSize suggested);
}
