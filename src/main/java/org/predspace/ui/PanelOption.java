package org.predspace.ui;

/**
 * A mode of a linked panel that a chapter needs, named in chapter files by its id. Each is
 * switched on when the chapter is shown and off again by a chapter without it.
 */
public enum PanelOption {
    /** The Compare panel averages over seeds (configurations, geodesic as a leaf) instead of run by run. */
    COMPARE_CONFIGURATIONS("compare-configurations"),
    /** The Spectrum panel overlays the run's spectra at initialisation on the selected checkpoint's. */
    SPECTRUM_INITIALISATION("spectrum-initialisation"),
    /** The Spectrum panel divides each spectrum by its largest eigenvalue. */
    SPECTRUM_NORMALISED("spectrum-normalised"),
    /** The Landscape panel draws two seeded random directions instead of the run's trajectory plane. */
    LANDSCAPE_RANDOM_PLANE("landscape-random-plane"),
    /** The Compare panel groups runs by task (its Groups view by "task"): the task dendrogram. */
    COMPARE_TASKS("compare-tasks");

    private final String id;

    PanelOption(String id) { this.id = id; }

    public String id() { return id; }

    /** The option named {@code id}, or null. */
    public static PanelOption byId(String id) {
        for (PanelOption o : values()) if (o.id.equals(id)) return o;
        return null;
    }
}
