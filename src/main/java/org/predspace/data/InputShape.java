package org.predspace.data;

/**
 * Shape of one input sample. Images are stored channel-first (C x H x W, row-major);
 * tabular samples are a flat vector of {@code channels} features with height = width = 1.
 */
public record InputShape(int channels, int height, int width, boolean image) {

    public InputShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    public static InputShape image(int channels, int height, int width) {
        return new InputShape(channels, height, width, true);
    }

    public static InputShape tabular(int features) {
        return new InputShape(features, 1, 1, false);
    }

    /** Number of floats in one sample. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return image ? channels + "x" + height + "x" + width : size() + " features";
    }
}
