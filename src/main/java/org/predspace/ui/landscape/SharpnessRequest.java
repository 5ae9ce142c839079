package org.predspace.ui.landscape;

/**
 * The sharpness curve of a run as far as {@code lastStep} (a live run's curve grows), on
 * {@code samples} train probe samples. The key of a cached curve.
 */
record SharpnessRequest(String run, long lastStep, int samples) {
    String describe() { return "sharpness of " + run + " on " + samples + " samples"; }
}
