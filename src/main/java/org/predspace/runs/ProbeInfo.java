package org.predspace.runs;

/**
 * Which fixed probe set a run's predictions are on. Runs can share one picture only
 * when their probe ids are equal (same data, same samples, same order).
 */
public record ProbeInfo(String id, int size, String split) {}
