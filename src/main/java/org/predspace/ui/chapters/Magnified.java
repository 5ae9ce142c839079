package org.predspace.ui.chapters;

import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;

/**
 * A node laid out smaller and drawn larger by {@code factor}: everything in it (type set by each
 * panel's own stylesheet, tick labels, line widths, drawn text) grows alike, which no single CSS
 * rule can do for panels that size their own type. For the panels beside the picture in
 * presentation mode, read from the back of a lecture hall.
 */
final class Magnified extends Region {
    private final Node content;
    private final double factor;
    private final Scale scale;

    Magnified(Node content, double factor) {
        this.content = content;
        this.factor = factor;
        scale = new Scale(factor, factor, 0, 0);
        content.getTransforms().add(scale);
        getChildren().add(content);
        setMinSize(0, 0);
        // a panel squeezed below its minimum draws past its box: keep it inside
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
    }

    /** Takes the node out again, without the enlargement, for its own place. */
    Node release() {
        getChildren().remove(content);
        content.getTransforms().remove(scale);
        return content;
    }

    /**
     * Enlarges by up to {@code factor}, and less where the panel would be squeezed below its
     * minimum width (the Spectrum panel's row of boxes): a panel cut off at its right edge shows
     * less than one drawn a little smaller. Never below its own size.
     */
    @Override
    protected void layoutChildren() {
        double f = fitted(factor, getWidth(), content.minWidth(-1));
        scale.setX(f);
        scale.setY(f);
        content.resizeRelocate(0, 0, getWidth() / f, getHeight() / f);
    }

    /** The enlargement that keeps a panel of minimum width {@code minWidth} whole in {@code width}: within [1, factor]. */
    static double fitted(double factor, double width, double minWidth) {
        if (!(minWidth > 0) || !(width > 0)) return factor;
        return Math.max(1, Math.min(factor, width / minWidth));
    }

    /** The enlargement drawn now. */
    double factor() { return scale.getX(); }

    @Override
    protected double computePrefWidth(double height) { return content.prefWidth(-1) * factor; }

    @Override
    protected double computePrefHeight(double width) { return content.prefHeight(-1) * factor; }
}
