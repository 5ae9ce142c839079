package org.predspace.training.engine;

import org.predspace.training.spec.LearningRateSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.predspace.platform.NativeLibraries;

/**
 * Adapts {@link LearningRateSchedule} to DL4J's updater interface. DL4J calls it with the
 * network's iteration count, which in this engine is the optimisation step.
 */
public final class CosineWarmupSchedule implements ISchedule {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    @JsonProperty private final LearningRateSchedule shape;
    @JsonProperty private final double baseRate;
    @JsonProperty private final long totalSteps;
    @JsonProperty private final long warmupSteps;

    public CosineWarmupSchedule(@JsonProperty("shape") LearningRateSchedule shape,
                                @JsonProperty("baseRate") double baseRate,
                                @JsonProperty("totalSteps") long totalSteps,
                                @JsonProperty("warmupSteps") long warmupSteps) {
        this.shape = shape;
        this.baseRate = baseRate;
        this.totalSteps = totalSteps;
        this.warmupSteps = warmupSteps;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return shape.rateAt(baseRate, iteration, totalSteps, warmupSteps);
    }

    @Override
    public ISchedule clone() {
        return new CosineWarmupSchedule(shape, baseRate, totalSteps, warmupSteps);
    }
}
