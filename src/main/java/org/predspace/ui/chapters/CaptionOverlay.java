package org.predspace.ui.chapters;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The current chapter's words over the picture: "2 / 4", the title, the caption and the paper
 * it comes from, in a semi-opaque band along the bottom of the picture, so the middle (where
 * the paths are) stays in view. It follows the tour's current chapter, edits of that chapter and
 * {@link ChapterTour#captionShownProperty()}; the close button hides it like the B key does.
 * Its type is set by the stylesheet: large in presentation mode, compact in the window.
 */
public final class CaptionOverlay {
    /** The band never takes more than this share of the picture's height (long captions are cut with an ellipsis). */
    static final double MAX_HEIGHT_SHARE = 0.6;

    private final ChapterTour tour;
    private final Label number = label("caption-number");
    private final Label title = label("caption-title");
    private final Label caption = label("caption-text");
    private final Label reference = label("caption-reference");
    private final VBox band;

    /** @param picture the pane the band lies over (its height caps the band's) */
    public CaptionOverlay(ChapterTour tour, Region picture) {
        this.tour = tour;
        Button close = new Button("✕");
        close.setId("caption-close");
        close.getStyleClass().add("caption-close");
        close.setTooltip(new Tooltip("Hide the caption (B or . shows it again)"));
        close.setFocusTraversable(false);
        close.setOnAction(e -> tour.captionShownProperty().set(false));
        BorderPane head = new BorderPane(title, null, close, null, number);
        BorderPane.setAlignment(number, Pos.CENTER_LEFT);
        BorderPane.setAlignment(title, Pos.CENTER_LEFT);
        BorderPane.setAlignment(close, Pos.TOP_RIGHT);
        title.setMaxWidth(Double.MAX_VALUE);
        band = new VBox(head, caption, reference) {
            @Override
            protected double computePrefHeight(double width) {
                return Math.min(super.computePrefHeight(width), MAX_HEIGHT_SHARE * picture.getHeight());
            }
        };
        band.setId("caption-overlay");
        band.getStyleClass().add("caption-overlay");
        band.setMaxHeight(Region.USE_PREF_SIZE);
        band.setMinHeight(0);
        caption.setMinHeight(0);   // a caption too long for the band is cut, not the band stretched
        StackPane.setAlignment(band, Pos.BOTTOM_CENTER);
        tour.currentProperty().addListener((o, a, b) -> update());
        tour.chapters().addListener((ListChangeListener<Chapter>) c -> update());
        tour.captionShownProperty().addListener((o, a, b) -> update());
        update();
    }

    /** The band, for a StackPane over the picture. */
    public Region node() { return band; }

    private void update() {
        Chapter c = tour.current();
        boolean shown = c != null && tour.captionShownProperty().get();
        band.setVisible(shown);
        band.setManaged(shown);
        if (c == null) return;
        number.setText((tour.currentProperty().get() + 1) + " / " + tour.chapters().size());
        title.setText(c.title());
        caption.setText(c.caption());
        caption.setVisible(!c.caption().isBlank());
        caption.setManaged(caption.isVisible());
        reference.setText(c.reference());
        reference.setVisible(!c.reference().isBlank());
        reference.setManaged(reference.isVisible());
    }

    private static Label label(String style) {
        Label l = new Label();
        l.getStyleClass().add(style);
        l.setId(style);
        l.setWrapText(true);
        return l;
    }
}
