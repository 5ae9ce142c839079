package org.predspace.ui;

import org.predspace.geometry.trajectory.ProgressObjective;

/** What the colour of a point in the 3D view says. */
public enum Colouring {
    RUN("run", true),
    ARCHITECTURE("architecture", true),
    OPTIMIZER("optimiser", true),
    LEARNING_RATE("learning rate", false),
    SEED("seed", true),
    /** The task a run was trained on (docs/tasks.md): its preset name when it was chosen by one, "all" for the full problem. */
    TASK("task", true),
    PROGRESS(ProgressObjective.BHATTACHARYYA.axisLabel(), false),   // the picture's progress is [D]'s: named on the scale bar
    TRAIN_ACCURACY("train accuracy", false),
    TRAIN_LOSS("train loss", false),
    TEST_LOSS("test loss", false),
    /** d_B to the truth anchor on the picture's probe (docs/science.md section 2). */
    TRUTH_DISTANCE("distance to truth", false),
    STEP("step", false);

    private final String label;
    private final boolean categorical;

    Colouring(String label, boolean categorical) {
        this.label = label;
        this.categorical = categorical;
    }

    /** Categories get distinct hues; quantities a sequential colour map with a scale bar. */
    public boolean categorical() { return categorical; }

    public Colouring next() { return values()[(ordinal() + 1) % values().length]; }

    @Override
    public String toString() { return label; }
}
