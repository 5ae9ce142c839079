package org.predspace.ui.landscape;

/**
 * A line theta(a) = (1-a) theta_0 + a theta_1 between two checkpoints (steps as selected; the
 * computation uses each one's nearest earlier parameter snapshot), on {@code samples} train
 * probe samples and the whole test probe. The key of a cached line.
 *
 * @param selectedAlpha where on the line the selected checkpoint is (0 or 1), for the marker
 */
record LineRequest(String fromRun, long fromStep, String toRun, long toStep, double selectedAlpha) {
    String describe() {
        return "loss line " + fromRun + " step " + fromStep + " \u2192 "
                + (toRun.equals(fromRun) ? "" : toRun + " ") + "step " + toStep;
    }
}
