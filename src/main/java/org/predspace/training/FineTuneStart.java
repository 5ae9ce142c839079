package org.predspace.training;

import org.predspace.data.InputShape;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.training.spec.InitFrom;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;

/**
 * The starting parameters of a run that begins from another run's snapshot (spec init_from,
 * at init_from_step or the parent's last snapshot). On the same task of the same data set the
 * whole network continues. On another task the output layer means something else (other
 * classes, maybe another number of them), so only the body is taken from the snapshot and the
 * output layer keeps the fresh initialisation the run's own seed gives it (docs/tasks.md,
 * fine-tuning).
 */
public final class FineTuneStart {
    private final Run parent;
    private final long step;

    private FineTuneStart(Run parent, long step) {
        this.parent = parent;
        this.step = step;
    }

    /**
     * The parent run and snapshot step {@code spec} starts from; {@code runDir} is the new run's
     * folder, against which a relative init-from is resolved (as run.json records it).
     *
     * @throws IllegalArgumentException one line: no such run, no snapshot, no snapshot at the step
     */
    public static FineTuneStart of(TrainingSpec spec, Path runDir) {
        return of(InitFrom.of(spec, runDir));
    }

    /** The snapshot {@code start} names (the parent's last when it names no step); one line when there is none. */
    public static FineTuneStart of(InitFrom start) {
        Run parent = start.parent();
        return new FineTuneStart(parent, start.snapshotStep(parent));
    }

    /** The snapshot's step: recorded as init_from_step, so the picture knows where the child starts. */
    public long step() { return step; }

    /**
     * The parameters a network of {@code spec} on data of {@code shape} with {@code classes}
     * classes starts from, in DL4J's params() order.
     *
     * @throws IllegalArgumentException one line when the snapshot cannot be read or does not fit
     */
    public float[] parameters(TrainingSpec spec, InputShape shape, int classes) {
        float[] snapshot;
        try {
            snapshot = parent.parameters(step);
        } catch (RunFormatException e) {
            throw new IllegalArgumentException("init-from run: " + e.getMessage(), e);
        }
        TrainingSpec parentSpec;
        try {
            parentSpec = TrainingSpec.fromMap(parent.spec());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("init-from run " + parent.name() + ": its spec cannot rebuild its network: "
                    + e.getMessage(), e);
        }
        boolean sameHead = parentSpec.dataset().equals(spec.dataset()) && parentSpec.task().equals(spec.task());
        String name = "init-from run " + parent.name();
        if (!sameHead) return BodyTransplant.underFreshHead(name, parentSpec, parent.classes(), snapshot, spec, shape, classes);
        BodyTransplant.requireSize(name, snapshot, spec, shape, classes);
        return snapshot;
    }
}
