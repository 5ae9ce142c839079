package org.predspace.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

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
    private static final java.util.regex.Pattern WITH_STEP = java.util.regex.Pattern.compile("(.+)@(\\d+|last)");

    /**
     * Where a run starts, as typed: {@code RUN_DIR}, {@code RUN_DIR@STEP} or {@code RUN_DIR@last}.
     *
     * @param step null for the run's last snapshot
     */
    public record Reference(Path dir, Long step) {
        /** @throws IllegalArgumentException one line when the text names no folder or the step is too large */
        public static Reference parse(String text) {
            String t = text.strip();
            java.util.regex.Matcher m = WITH_STEP.matcher(t);
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
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("init-from " + org.predspace.runs.InputText.quote(dir) + " is not a path");
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
        NativeBackend.configure();
        ComputationGraph to = NetworkFactory.build(spec, shape, classes, 1);
        boolean sameHead = parentSpec.dataset().equals(spec.dataset()) && parentSpec.task().equals(spec.task());
        if (!sameHead) return withFreshHead(to, spec, parentSpec, snapshot, shape);
        if (snapshot.length != to.numParams()) {
            throw new IllegalArgumentException("init-from run " + parent.name() + " has " + snapshot.length + " parameters but a "
                    + spec.architecture().id() + " network for this data has " + to.numParams() + ": same architecture?");
        }
        return snapshot;
    }

    /** The body of the parent's snapshot under the fresh output layer of {@code to}, the new run's network. */
    private float[] withFreshHead(ComputationGraph to, TrainingSpec spec, TrainingSpec parentSpec, float[] snapshot, InputShape shape) {
        ComputationGraph from = NetworkFactory.build(parentSpec, shape, parent.classes(), 1);
        if (from.numParams() != snapshot.length) {
            throw new IllegalArgumentException("init-from run " + parent.name() + " has " + snapshot.length
                    + " parameters but its network on this data would have " + from.numParams() + ": another input shape?");
        }
        from.setParams(Nd4j.create(snapshot).castTo(from.params().dataType()));
        String head = outputLayer(to) + "_";
        Map<String, INDArray> body = from.paramTable();
        long parentBody = body.keySet().stream().filter(k -> !k.startsWith(outputLayer(from) + "_")).count();
        long ownBody = to.paramTable().keySet().stream().filter(k -> !k.startsWith(head)).count();
        if (parentBody != ownBody) {
            throw new IllegalArgumentException("init-from run " + parent.name() + " has " + parentBody + " body parameter arrays, this "
                    + spec.architecture().id() + " network " + ownBody + ": fine-tuning needs the same body");
        }
        for (Map.Entry<String, INDArray> p : to.paramTable().entrySet()) {
            if (p.getKey().startsWith(head)) continue;
            INDArray source = body.get(p.getKey());
            if (source == null || !Arrays.equals(source.shape(), p.getValue().shape())) {
                throw new IllegalArgumentException("init-from run " + parent.name() + " is a " + parentSpec.architecture().id()
                        + " network of another shape (parameter " + p.getKey() + " differs): fine-tuning needs the same body");
            }
            to.setParam(p.getKey(), source);
        }
        return to.params().toFloatVector();
    }

    /** The name of the output layer, whose parameters are keyed "name_W" and "name_b". */
    private static String outputLayer(ComputationGraph net) {
        return net.getOutputLayer(0).conf().getLayer().getLayerName();
    }
}
