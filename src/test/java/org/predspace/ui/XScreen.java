package org.predspace.ui;

import javafx.geometry.Bounds;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the X server shows, read with ImageMagick's {@code import -window root} (as
 * ScreenshotTour does): not a node snapshot, which JavaFX draws anew and which looks right even
 * when the window on screen never changed.
 */
public final class XScreen {
    private XScreen() {}

    /** The screen inside {@code area} (screen coordinates); also written to {@code keep} when it is not null. */
    public static BufferedImage capture(Bounds area, Path keep) throws IOException, InterruptedException {
        String display = System.getenv("DISPLAY");
        if (display == null) throw new IllegalStateException("no X display: run under xvfb-run");
        Path file = keep != null ? keep : Files.createTempFile("xscreen", ".png");
        String crop = String.format(Locale.ROOT, "%dx%d+%d+%d", (int) area.getWidth(), (int) area.getHeight(),
                (int) Math.max(0, area.getMinX()), (int) Math.max(0, area.getMinY()));
        Process p = new ProcessBuilder("import", "-display", display, "-window", "root", "-crop", crop, "+repage",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("import failed: " + out);
        try {
            return ImageIO.read(file.toFile());
        } finally {
            if (keep == null) Files.deleteIfExists(file);
        }
    }

    /**
     * Of the pixels inside the rectangle (x, y, w, h) that differ from the background (the
     * colour at its top-left corner) in either image, the share that differ between the two by
     * more than a little: about 0 for the same picture, near 1 for a picture that moved.
     */
    public static double changedShare(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        int background = a.getRGB(x0, y0), inked = 0, changed = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                if (far(p, background) || far(q, background)) {
                    inked++;
                    if (far(p, q)) changed++;
                }
            }
        }
        return inked == 0 ? 0 : changed / (double) inked;
    }

    /** The share of the rectangle's pixels darker than 40% grey: type on a light theme. */
    public static double darkShare(BufferedImage a, int x0, int y0, int w, int h) {
        int dark = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y);
                if (0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255) < 0.4 * 255) dark++;
            }
        }
        return dark / (double) (w * h);
    }

    private static boolean far(int p, int q) {
        return Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                + Math.abs((p & 255) - (q & 255)) > 24;
    }
}
