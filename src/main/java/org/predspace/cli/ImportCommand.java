package org.predspace.cli;

import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunImport;
import org.predspace.runs.RunStatus;
import org.predspace.training.spec.TrainingSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a run folder from arrays another framework saved (PyTorch, JAX, NumPy; see docs/import.md):",
                "predictions (T, N, C) softmax outputs on a fixed probe set, labels (N,), steps (T,).",
                "Every input is checked before anything is written; an existing non-empty --out is never touched.",
                "Without --metrics, probe loss and accuracy are computed from the predictions.",
                "Runs trained on different tasks share a picture through imprinted predictions (--imprinted-*)."})
final class ImportCommand implements Callable<Integer> {
    /** The held-out probe: both arrays or neither. */
    static final class HeldOut {
        @Option(names = "--held-out-predictions", required = true, paramLabel = "FILE",
                description = "(T, M, C) softmax outputs on a held-out probe (.npy); drawn in the held-out picture")
        Path predictions;
        @Option(names = "--held-out-labels", required = true, paramLabel = "FILE", description = "(M,) integer labels (.npy)")
        Path labels;
    }

    /**
     * Imprinted predictions over the full problem's classes on a shared probe
     * (docs/run-format.md, "Imprinted predictions"): the arrays, the shared probe's name and the
     * prototypes' description come together; the held-out pair is optional.
     */
    static final class Imprinted {
        @Option(names = "--imprinted-predictions", required = true, paramLabel = "FILE",
                description = "(T, N', C') imprinted predictions over all C' classes of the full problem on the shared probe (.npy)")
        Path predictions;
        @Option(names = "--imprinted-labels", required = true, paramLabel = "FILE",
                description = "(N',) the shared probe's labels in the full problem, in [0, C') (.npy)")
        Path labels;
        @Option(names = "--imprinted-probe-id", required = true, paramLabel = "ID",
                description = "names the shared probe; runs of different tasks meet in the imprinted picture only when these are equal")
        String probeId;
        @Option(names = "--prototypes-id", required = true, paramLabel = "ID",
                description = "names the samples the class prototypes were averaged over (never the probe's)")
        String prototypesId;
        @Option(names = "--prototypes-size", required = true, paramLabel = "N",
                description = "how many prototype samples (at least one per class)")
        int prototypesSize;
        @Option(names = "--imprinted-probe-split", paramLabel = "S", defaultValue = "train",
                description = "where the shared probe's samples come from (default: ${DEFAULT-VALUE})")
        String probeSplit;
        @Option(names = "--prototypes-split", paramLabel = "S", defaultValue = "train",
                description = "where the prototype samples come from (default: ${DEFAULT-VALUE})")
        String prototypesSplit;
        @ArgGroup(exclusive = false)
        ImprintedHeldOut heldOut;
    }

    /** The imprinted predictions on a shared held-out probe: both arrays or neither. */
    static final class ImprintedHeldOut {
        @Option(names = "--imprinted-held-out-predictions", required = true, paramLabel = "FILE",
                description = "(T, M', C') imprinted predictions on a shared held-out probe (.npy)")
        Path predictions;
        @Option(names = "--imprinted-held-out-labels", required = true, paramLabel = "FILE",
                description = "(M',) its labels in the full problem (.npy)")
        Path labels;
    }

    /** How prediction rows become distributions. */
    static final class RowChoice {
        @Option(names = "--normalize", description = "divide each row by its sum (non-negative scores that do not sum to 1)")
        boolean normalize;
        @Option(names = "--logits", description = "the arrays hold logits or log-probabilities: apply softmax")
        boolean logits;
    }

    @Spec CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "FILE",
            description = "(T, N, C) float32 or float64 softmax outputs on the probe set, C order (.npy)")
    Path predictions;
    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "(N,) integer probe labels in [0, C) (.npy)")
    Path labels;
    @Option(names = "--steps", required = true, paramLabel = "FILE",
            description = "(T,) integer training steps, non-negative and strictly increasing (.npy)")
    Path steps;
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "run name shown in the run library")
    String name;
    @Option(names = "--probe-id", required = true, paramLabel = "ID",
            description = "names the probe set (data, samples, order); runs are drawn together only when their ids are equal")
    String probeId;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the run folder to create (must not exist, or be empty)")
    Path out;

    @ArgGroup(exclusive = false)
    HeldOut heldOut;
    @Option(names = "--metrics", paramLabel = "FILE",
            description = "CSV with a step column and any of epoch, train_loss, train_accuracy, test_loss, test_accuracy "
                    + "(train = on the probe, test = on the held-out probe); lines at other steps are ignored, "
                    + "missing values are computed from the predictions")
    Path metrics;
    @ArgGroup(exclusive = true)
    RowChoice rows;
    @ArgGroup(exclusive = false, heading = "%nImprinted predictions (docs/import.md):%n")
    Imprinted imprinted;
    @Option(names = "--probe-split", paramLabel = "S", defaultValue = "train",
            description = "where the probe samples come from (default: ${DEFAULT-VALUE})")
    String probeSplit;
    @Option(names = "--status", paramLabel = "S", defaultValue = "finished",
            description = "how the run ended: finished, cancelled or diverged (default: ${DEFAULT-VALUE})")
    String status;

    @Option(names = "--dataset", paramLabel = "TEXT", description = "data set, for the run library")
    String dataset;
    @Option(names = "--architecture", paramLabel = "TEXT", description = "architecture, for the run library and colouring")
    String architecture;
    @Option(names = "--optimizer", paramLabel = "TEXT", description = "optimiser, for the run library and colouring")
    String optimizer;
    @Option(names = "--lr", paramLabel = "X", description = "learning rate")
    Double learningRate;
    @Option(names = "--batch-size", paramLabel = "B", description = "batch size")
    Integer batchSize;
    @Option(names = "--seed", paramLabel = "S", description = "seed")
    Long seed;
    @Option(names = "--spec", paramLabel = "KEY=VALUE",
            description = "any other field of the run's spec, repeatable; numbers and true/false are stored as such")
    Map<String, String> extraSpec = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        RunImport.Request request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec.commandLine(), e);
        }
        RunImport.Result r = RunImport.write(request, out);
        report(spec.commandLine().getOut(), name, r);
        return 0;
    }

    /** What the options ask for; an IllegalArgumentException names a bad value. */
    private RunImport.Request request() {
        if (learningRate != null) TrainingSpec.checkLearningRate(learningRate);
        if (batchSize != null) TrainingSpec.checkBatchSize(batchSize);
        RunStatus ending = RunStatus.fromJson(status);
        return new RunImport.Request(predictions, labels, steps,
                heldOut == null ? null : heldOut.predictions, heldOut == null ? null : heldOut.labels, metrics,
                name, probeId, probeSplit, runSpec(), rowMode(), ending, imprinted());
    }

    private RunImport.Imprinted imprinted() {
        if (imprinted == null) return null;
        ImprintedHeldOut h = imprinted.heldOut;
        return new RunImport.Imprinted(imprinted.predictions, imprinted.labels, h == null ? null : h.predictions,
                h == null ? null : h.labels, imprinted.probeId, imprinted.probeSplit,
                new ProbeInfo(imprinted.prototypesId, imprinted.prototypesSize, imprinted.prototypesSplit));
    }

    private RunImport.Rows rowMode() {
        if (rows == null) return RunImport.Rows.PROBABILITIES;
        return rows.logits ? RunImport.Rows.LOGITS : rows.normalize ? RunImport.Rows.NORMALIZE : RunImport.Rows.PROBABILITIES;
    }

    /** The library's fields under the engine's names, then --spec pairs (which may not repeat them). */
    private Map<String, Object> runSpec() {
        Map<String, Object> s = new LinkedHashMap<>();
        putIfGiven(s, "dataset", dataset);
        putIfGiven(s, "architecture", architecture);
        putIfGiven(s, "optimizer", optimizer);
        putIfGiven(s, "learning_rate", learningRate);
        putIfGiven(s, "batch_size", batchSize);
        putIfGiven(s, "seed", seed);
        for (Map.Entry<String, String> e : extraSpec.entrySet()) {
            if (s.containsKey(e.getKey())) {
                throw new IllegalArgumentException("--spec " + e.getKey() + " repeats a field given by its own option");
            }
            s.put(e.getKey(), typed(e.getValue()));
        }
        return s;
    }

    private static void putIfGiven(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }

    /** "3" is a number, "0.1" a number, "true" a boolean, anything else text. */
    static Object typed(String v) {
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException notAnInteger) {
            try {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) ? d : v;
            } catch (NumberFormatException notANumber) {
                return v;
            }
        }
    }

    private static void report(PrintWriter out, String name, RunImport.Result r) {
        List<CheckpointMetrics> m = r.metrics();
        out.printf(Locale.ROOT, "imported %s: %d checkpoints (steps %d .. %d), %d probe samples, %d classes%s%n",
                name, r.checkpoints(), m.get(0).step(), m.get(m.size() - 1).step(), r.probeSize(),
                r.classes(), r.heldOutSize() < 0 ? "" : ", " + r.heldOutSize() + " held-out samples");
        out.printf(Locale.ROOT, "probe accuracy %.4f at the first checkpoint, %.4f at the last%n",
                m.get(0).trainAccuracy(), m.get(m.size() - 1).trainAccuracy());
        if (r.logLinesUsed() > 0) {
            out.printf("metrics log: %d of %d checkpoints have a line%s%n", r.logLinesUsed(), r.checkpoints(),
                    r.logLinesIgnored() == 0 ? "" : "; " + r.logLinesIgnored() + " lines at other steps left out");
        }
        if (!r.computed().isEmpty()) out.println("computed from the predictions: " + String.join(", ", r.computed()));
        RunImport.ImprintedResult i = r.imprinted();
        if (i != null) {
            out.printf(Locale.ROOT, "imprinted: %d shared probe samples, %d classes%s; accuracy %.4f at the first"
                            + " checkpoint, %.4f at the last%n", i.probeSize(), i.classes(),
                    i.heldOutSize() < 0 ? "" : ", " + i.heldOutSize() + " held-out samples", i.firstAccuracy(), i.lastAccuracy());
        }
        out.println("wrote " + r.dir());
    }
}
