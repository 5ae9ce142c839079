package org.predspace.ui.figures;

import javafx.scene.paint.Color;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Reading exported pictures in tests: decoding, counting pixels of a hue, comparing two pictures coarsely. */
final class Pictures {
    private Pictures() {}

    static BufferedImage read(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) throw new IOException(png + " does not decode as an image");
        return img;
    }

    /**
     * Saturated, not dark pixels within 10 degrees of the hue of {@code like}: markers and lines of
     * that colour, however shaded; outside the top-left corner where the legend's swatches are.
     */
    static int pixelsOfHue(BufferedImage img, Color like) {
        int n = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (x < 0.35 * img.getWidth() && y < 0.35 * img.getHeight()) continue;
                int rgb = img.getRGB(x, y);
                java.awt.Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                double dh = Math.abs(hsb[0] * 360 - like.getHue());
                if (hsb[1] > 0.5 && hsb[2] > 0.3 && Math.min(dh, 360 - dh) < 10) n++;
            }
        }
        return n;
    }

    /** Pixels of the rectangle [x0, x1) x [y0, y1) that are not exactly {@code background}. */
    static int notBackground(BufferedImage img, Color background, int x0, int y0, int x1, int y1) {
        int bg = awt(background);
        int n = 0;
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) if ((img.getRGB(x, y) & 0xffffff) != bg) n++;
        return n;
    }

    /**
     * Mean colour difference (0 to 1, per channel) between two pictures of the same size, averaged
     * over blocks of {@code block} x {@code block} pixels: small where they show the same thing,
     * even if edges are smoothed differently.
     */
    static double blockDifference(BufferedImage a, BufferedImage b, int block) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) throw new IllegalArgumentException("sizes differ");
        double sum = 0;
        int blocks = 0;
        for (int by = 0; by + block <= a.getHeight(); by += block) {
            for (int bx = 0; bx + block <= a.getWidth(); bx += block) {
                double[] ma = mean(a, bx, by, block), mb = mean(b, bx, by, block);
                sum += (Math.abs(ma[0] - mb[0]) + Math.abs(ma[1] - mb[1]) + Math.abs(ma[2] - mb[2])) / 3;
                blocks++;
            }
        }
        return sum / blocks;
    }

    private static double[] mean(BufferedImage img, int x0, int y0, int block) {
        double[] m = new double[3];
        for (int y = y0; y < y0 + block; y++) {
            for (int x = x0; x < x0 + block; x++) {
                int rgb = img.getRGB(x, y);
                m[0] += ((rgb >> 16) & 0xff) / 255.0;
                m[1] += ((rgb >> 8) & 0xff) / 255.0;
                m[2] += (rgb & 0xff) / 255.0;
            }
        }
        for (int c = 0; c < 3; c++) m[c] /= block * block;
        return m;
    }

    static int awt(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }
}
