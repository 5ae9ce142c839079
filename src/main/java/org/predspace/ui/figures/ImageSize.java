package org.predspace.ui.figures;

import java.util.List;

/** The pixel size of an exported image, with the common slide and screen sizes as presets. */
public record ImageSize(int width, int height) {
    /** 4K, the largest slide size; larger images gain nothing on a projector. */
    public static final int MAX = 3840;
    public static final int MIN = 16;
    public static final List<ImageSize> PRESETS = List.of(new ImageSize(1280, 720), new ImageSize(1920, 1080),
            new ImageSize(2560, 1440), new ImageSize(3840, 2160), new ImageSize(1600, 1200), new ImageSize(2400, 1800));

    public ImageSize {
        if (width < MIN || height < MIN || width > MAX || height > MAX) {
            throw new IllegalArgumentException("an image of " + width + " x " + height + " pixels: each side must be "
                    + MIN + " to " + MAX);
        }
    }

    @Override
    public String toString() { return width + " \u00d7 " + height; }
}
