package org.predspace.training.spec;

import java.util.Locale;

/** How the learning rate evolves over the run's steps. */
public enum LearningRateSchedule implements NamedChoice {
    CONSTANT("constant"), COSINE("cosine");

    private final String id;

    LearningRateSchedule(String id) { this.id = id; }

    @Override
    public String id() { return id; }

    public static LearningRateSchedule fromId(String s) {
        return NamedChoice.parse(LearningRateSchedule.class, s, "schedule");
    }

    /**
     * Learning rate at {@code step} of {@code totalSteps}: a linear warm-up from 0 over the
     * first {@code warmupSteps}, then constant or a half-cosine decay to 0 at the last step.
     */
    public double rateAt(double baseRate, long step, long totalSteps, long warmupSteps) {
        if (warmupSteps > 0 && step < warmupSteps) {
            return baseRate * (step + 1) / (double) warmupSteps;
        }
        if (this == CONSTANT) return baseRate;
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double t = Math.min(1.0, (step - warmupSteps) / (double) decaySteps);
        return baseRate * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    @Override
    public String toString() { return id.toUpperCase(Locale.ROOT); }
}
