package org.predspace.ui.figures;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import org.predspace.export.ExportFiles;

import java.awt.Graphics2D;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Encodes a picture as an opaque PNG, and writes it. Any thread (the image must no longer change). */
public final class PngFile {
    private PngFile() {}

    /**
     * Writes {@code image} to {@code file} (parent folders created) whole or not at all
     * ({@link ExportFiles}), so a failure never leaves half a PNG where a good one was.
     */
    public static void write(Image image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ExportFiles.write(file, encode(image));
    }

    /** The PNG bytes of {@code image}, without an alpha channel. */
    public static byte[] encode(Image image) throws IOException {
        BufferedImage rgb = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, rgb);
        if (pixels != rgb) {
            // the snapshot comes back with an alpha channel that is opaque everywhere: drop it (a smaller file)
            Graphics2D g = rgb.createGraphics();
            g.drawImage(pixels, 0, 0, null);
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(rgb, "png", out)) throw new IOException("no PNG writer in this Java runtime");
        return out.toByteArray();
    }
}
