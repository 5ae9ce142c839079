package org.predspace.ui.library;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/** PNGs of what a test shows, to look at (not committed). */
public final class Snapshots {
    private Snapshots() {}

    public static void write(FxRobot robot, Node node, String file) {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = node.snapshot(null, null));
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
