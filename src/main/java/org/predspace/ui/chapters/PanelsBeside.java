package org.predspace.ui.chapters;

import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chapter's panels beside the picture in presentation mode, stacked, each under its title:
 * the panels themselves are lent out of their tabs (a node has one parent) and given back when
 * the chapter changes or presentation ends, so what is shown keeps its state and its links to
 * the model. Empty (and not shown) when the chapter names no panel.
 */
public final class PanelsBeside {
    /** Panel type is drawn this much larger beside the picture than in its tab (14 px becomes 17.5 px, where a panel still fits). */
    static final double MAGNIFICATION = 1.25;

    private final TabPane tabs;
    private final VBox column = new VBox();
    /** The tabs whose content is lent out, with it as shown. */
    private final Map<Tab, Magnified> lent = new LinkedHashMap<>();

    public PanelsBeside(TabPane tabs) {
        this.tabs = tabs;
        column.setId("panels-beside");
        column.getStyleClass().add("panels-beside");
    }

    /** The column beside the picture. */
    public VBox node() { return column; }

    /** Whether any panel is lent out now. */
    public boolean isEmpty() { return lent.isEmpty(); }

    /** The titles of the panels shown now, top first. */
    public List<String> titles() {
        List<String> out = new ArrayList<>();
        for (Tab t : lent.keySet()) out.add(t.getText());
        return out;
    }

    /** Shows the panels with these titles (at most {@link Chapter#MAX_PANELS}; unknown titles are skipped), giving back the others. */
    public void show(List<String> titles) {
        giveBack();
        for (String title : titles) {
            if (lent.size() == Chapter.MAX_PANELS) break;
            for (Tab t : tabs.getTabs()) {
                if (!t.getText().equals(title) || t.getContent() == null || lent.containsKey(t)) continue;
                Magnified shown = new Magnified(t.getContent(), MAGNIFICATION);
                t.setContent(null);
                lent.put(t, shown);
                Label heading = new Label(title);
                heading.getStyleClass().add("panels-beside-title");
                column.getChildren().addAll(heading, shown);
                break;
            }
        }
        // the panels share the height equally, whatever each would like
        for (Magnified m : lent.values()) {
            m.setPrefHeight(0);
            VBox.setVgrow(m, Priority.ALWAYS);
        }
    }

    /** Puts every lent panel back into its tab. */
    public void giveBack() {
        column.getChildren().clear();
        lent.forEach((tab, shown) -> tab.setContent(shown.release()));
        lent.clear();
    }
}
