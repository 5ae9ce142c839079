package org.predspace.training;

import org.predspace.data.InputShape;
import org.predspace.runs.InputText;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** RUN_DIR@STEP: the step is digits (or "last") after the last '@'. */
    private static final Pattern WITH_STEP = Pattern.compile("(.+)@(\\d+|last)");

    /**
     * Where a run starts, as typed: {@code RUN_DIR}, {@code RUN_DIR@STEP} or {@code RUN_DIR@last}.
     *
     * @param step null for the run's last snapshot
     */
    public record Reference(Path dir, Long step) {
        /** @throws IllegalArgumentException one line when the text names no folder or the step is too large */
        public static Reference parse(String text) {
            String t = text.strip();
            Matcher m = WITH_STEP.matcher(t);
            String dir = m.matches() ? m.group(1) : t;
            Long step = null;
            if (m.matches() && !m.group(2).equals("last")) {
                try {
                    step = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("init-from step " + m.group(2) + " is too large");
                }
            }
            if (dir.isBlank()) throw new IllegalArgumentException("init-from names no run folder");
            try {
                return new Reference(Path.of(dir).toAbsolutePath().normalize(), step);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("init-from " + InputText.quote(dir) + " is not a path");
            }
        }

        /** {@code b} starting from here. */
        public TrainingSpec.Builder applyTo(TrainingSpec.Builder b) { return b.initFrom(dir.toString()).initFromStep(step); }
    }

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
        return of(runDir.resolve(spec.initFrom()).normalize(), spec.initFromStep());
    }

    /** The snapshot of the run in {@code dir} at {@code wanted}, or its last when null; one line when there is none. */
    public static FineTuneStart of(Path dir, Long wanted) {
        Run parent;
        try {
            parent = Run.open(dir);
        } catch (RunFormatException e) {
            throw new IllegalArgumentException("init-from run: " + e.getMessage(), e);
        }
        long[] steps = parent.parameterSteps();
        if (steps.length == 0) {
            throw new IllegalArgumentException("init-from run " + dir + " kept no parameter snapshot to start from");
        }
        long step = wanted == null ? steps[steps.length - 1] : wanted;
        if (Arrays.binarySearch(steps, step) < 0) {
            throw new IllegalArgumentException("init-from run " + dir + " has no parameter snapshot at step " + step
                    + "; steps with one: " + describe(steps));
        }
        return new FineTuneStart(parent, step);
    }

    private static String describe(long[] steps) {
        if (steps.length <= 12) return Arrays.toString(steps);
        return "[" + steps[0] + ", " + steps[1] + ", ..., " + steps[steps.length - 1] + "] (" + steps.length + " steps)";
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
