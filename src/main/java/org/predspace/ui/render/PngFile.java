package org.predspace.ui.render;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a picture as an opaque PNG. Any thread (the image must no longer change). */
public final class PngFile {
    private PngFile() {}

    /**
     * Writes {@code image} to {@code file} (parent folders created) through a temporary file in
     * the same folder, so a failure never leaves half a PNG where a good one was.
     */
    public static void write(Image image, Path file) throws IOException {
        BufferedImage rgb = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, rgb);
        if (pixels != rgb) {
            // the snapshot comes back with an alpha channel that is opaque everywhere: drop it (a smaller file)
            java.awt.Graphics2D g = rgb.createGraphics();
            g.drawImage(pixels, 0, 0, null);
            g.dispose();
        }
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "." + file.getFileName(), ".part");
        try {
            if (!ImageIO.write(rgb, "png", partial.toFile())) throw new IOException("no PNG writer in this Java runtime");
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
