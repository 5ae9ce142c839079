package org.predspace.geometry.trajectory;

/**
 * What "closest point of the geodesic" means when progress is measured (docs/science.md
 * section 4). The two papers differ: [D] minimises the Bhattacharyya distance d_B to gamma(t);
 * [A] minimises the summed per-sample arc length, sum_n arccos(sqrt(p_n) . sqrt(gamma_n(t))).
 * With one sample both maximise the same overlap and agree; with several they weigh the samples
 * differently (-log cos against the angle itself), so a sample far from the geodesic pulls
 * [D]'s choice harder than [A]'s.
 */
public enum ProgressObjective {
    /** [D]'s choice, the app's default. */
    BHATTACHARYYA("progress [D], min d_B", "progress [D]: min d_B"),
    /** [A]'s choice. */
    ARC_LENGTH("progress [A], min arc length", "progress [A]: min \u03a3 arccos");

    private final String shortName;
    private final String axisLabel;

    ProgressObjective(String shortName, String axisLabel) {
        this.shortName = shortName;
        this.axisLabel = axisLabel;
    }

    /** For choice boxes and status lines. */
    public String shortName() { return shortName; }

    /** For chart axes and colour scales: the paper's tag first, so a label cut short still names it. */
    public String axisLabel() { return axisLabel; }

    /** A CSV column name: "progress_d_b" or "progress_arc". */
    public String columnName() { return this == BHATTACHARYYA ? "progress_d_b" : "progress_arc"; }

    @Override public String toString() { return shortName; }
}
