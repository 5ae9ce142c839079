package org.predspace.ui.landscape;

/** Which straight line the panel draws through the selected checkpoint. */
enum LineEnds {
    /** From the run's first snapshot (its initialisation) to the selected checkpoint: is training's descent monotone? */
    INITIALISATION("initialisation \u2192 selected"),
    /** From the selected checkpoint to the first pinned one. */
    PINNED("selected \u2192 pinned"),
    /** From the selected checkpoint to the end of another run of the same network: is there a barrier? */
    OTHER_RUN("selected \u2192 another run's end");

    private final String text;

    LineEnds(String text) { this.text = text; }

    @Override public String toString() { return text; }
}
