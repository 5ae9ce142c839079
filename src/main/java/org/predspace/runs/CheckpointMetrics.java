package org.predspace.runs;

/**
 * Scalar metrics recorded with a checkpoint. Train figures are on the probe set (training
 * samples), test figures on the held-out test probe; NaN where not measured.
 */
public record CheckpointMetrics(long step, double epoch, double trainLoss, double trainAccuracy,
                                double testLoss, double testAccuracy) {}
