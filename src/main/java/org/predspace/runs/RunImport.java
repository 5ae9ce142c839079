package org.predspace.runs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Makes a run folder from loose arrays another framework saved: predictions [T, N, C], probe
 * labels [N], steps [T], optionally a held-out pair, a metrics log and imprinted predictions
 * over the full problem's classes on a shared probe (docs/import.md).
 *
 * <p>Everything is checked before anything is written: a first pass reads every checkpoint and
 * refuses the first bad value with a message naming the file and where; only then is the folder
 * written, through {@link RunWriter}, so it is exactly what the engine would write. Predictions
 * are streamed one checkpoint at a time, so arrays larger than memory import. The output folder
 * must not exist or be empty: an import never overwrites anything.
 */
public final class RunImport {
    /** What the prediction rows hold. */
    public enum Rows {
        /** softmax outputs, refused unless every row sums to 1 within the format's tolerance */
        PROBABILITIES(LoosePredictions.Rows.PROBABILITIES),
        /** non-negative scores, each row divided by its sum */
        NORMALIZE(LoosePredictions.Rows.NORMALIZE),
        /** logits or log-probabilities, turned into probabilities by softmax */
        LOGITS(LoosePredictions.Rows.LOGITS);

        private final LoosePredictions.Rows mode;

        Rows(LoosePredictions.Rows mode) { this.mode = mode; }
    }

    /**
     * What to import.
     *
     * @param heldOutPredictions [T, M, C] on a held-out probe, or null; comes with heldOutLabels
     * @param heldOutLabels      [M], or null
     * @param metrics            a CSV with a step column and any of epoch, train_loss,
     *                           train_accuracy, test_loss, test_accuracy; or null
     * @param spec               free-form description for run.json (dataset, architecture, ...)
     * @param imprinted          imprinted predictions to record with the run, or null
     */
    /** Longest name or probe id: one line in the run library. */
    static final int MAX_TEXT = 200;

    public record Request(Path predictions, Path labels, Path steps, Path heldOutPredictions, Path heldOutLabels,
                          Path metrics, String name, String probeId, String probeSplit, Map<String, Object> spec,
                          Rows rows, RunStatus status, Imprinted imprinted) {
        public Request {
            Objects.requireNonNull(predictions, "predictions");
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(steps, "steps");
            if ((heldOutPredictions == null) != (heldOutLabels == null)) {
                throw new IllegalArgumentException("held-out predictions and held-out labels come together");
            }
            requireLine("name", name);
            requireLine("probe id", probeId);
            if (probeSplit == null || probeSplit.isBlank()) probeSplit = "train";
            spec = spec == null ? Map.of() : Map.copyOf(spec);
            if (rows == null) rows = Rows.PROBABILITIES;
            if (status == null) status = RunStatus.FINISHED;
            if (status == RunStatus.RUNNING) throw new IllegalArgumentException("an imported run has ended; status cannot be running");
        }

        /** Without imprinted predictions. */
        public Request(Path predictions, Path labels, Path steps, Path heldOutPredictions, Path heldOutLabels,
                       Path metrics, String name, String probeId, String probeSplit, Map<String, Object> spec,
                       Rows rows, RunStatus status) {
            this(predictions, labels, steps, heldOutPredictions, heldOutLabels, metrics, name, probeId, probeSplit,
                    spec, rows, status, null);
        }

        /**
         * An imported run's name is only shown (the folder is --out), so it may hold spaces and
         * any letters; but it is one line of text, as is the probe id that groups runs.
         */
        private static void requireLine(String what, String value) {
            if (value == null || value.isBlank()) throw new IllegalArgumentException("the run needs a " + what);
            if (InputText.hasControl(value)) {
                throw new IllegalArgumentException("the " + what + " " + InputText.quote(value)
                        + " holds a control character (a line break, tab or escape); it must be one line of text");
            }
            if (value.length() > MAX_TEXT) {
                throw new IllegalArgumentException("the " + what + " is " + value.length() + " characters long; at most " + MAX_TEXT);
            }
        }

        /** The required arrays and names; no held-out probe, no metrics, defaults for the rest. */
        public static Request of(Path predictions, Path labels, Path steps, String name, String probeId) {
            return new Request(predictions, labels, steps, null, null, null, name, probeId, null, null, null, null);
        }

        public Request withHeldOut(Path heldOutPredictions, Path heldOutLabels) {
            return new Request(predictions, labels, steps, heldOutPredictions, heldOutLabels, metrics, name, probeId,
                    probeSplit, spec, rows, status, imprinted);
        }

        public Request withMetrics(Path metricsCsv) {
            return new Request(predictions, labels, steps, heldOutPredictions, heldOutLabels, metricsCsv, name, probeId,
                    probeSplit, spec, rows, status, imprinted);
        }

        public Request withRows(Rows r) {
            return new Request(predictions, labels, steps, heldOutPredictions, heldOutLabels, metrics, name, probeId,
                    probeSplit, spec, r, status, imprinted);
        }

        public Request withImprinted(Imprinted i) {
            return new Request(predictions, labels, steps, heldOutPredictions, heldOutLabels, metrics, name, probeId,
                    probeSplit, spec, rows, status, i);
        }
    }

    /**
     * Imprinted predictions another framework computed (docs/run-format.md, "Imprinted
     * predictions"): the network's penultimate features turned into predictions over all C
     * classes of the full problem on a probe every task's run shares, so runs of different tasks
     * share a picture. Rows are treated as the request's {@link Rows} says, like the head's.
     *
     * @param predictions        [T, N, C] on the shared probe, one row block per checkpoint step
     * @param labels             [N], the shared probe's labels in the full problem, in [0, C)
     * @param heldOutPredictions [T, M, C] on a shared held-out probe, or null; comes with heldOutLabels
     * @param heldOutLabels      [M], or null
     * @param probeId            names the shared probe: runs meet in the imprinted picture only when these are equal
     * @param probeSplit         where the shared probe's samples come from (default "train")
     * @param prototypes         the samples the class prototypes were averaged over: id, size, split
     */
    public record Imprinted(Path predictions, Path labels, Path heldOutPredictions, Path heldOutLabels,
                            String probeId, String probeSplit, ProbeInfo prototypes) {
        public Imprinted {
            Objects.requireNonNull(predictions, "imprinted predictions");
            Objects.requireNonNull(labels, "imprinted labels");
            if ((heldOutPredictions == null) != (heldOutLabels == null)) {
                throw new IllegalArgumentException("imprinted held-out predictions and imprinted held-out labels come together");
            }
            Request.requireLine("imprinted probe id", probeId);
            if (probeSplit == null || probeSplit.isBlank()) probeSplit = "train";
            Objects.requireNonNull(prototypes, "prototypes");
            Request.requireLine("prototypes id", prototypes.id());
            if (prototypes.size() < 1) {
                throw new IllegalArgumentException("the prototypes size must be at least 1, got " + prototypes.size());
            }
            if (prototypes.split() == null || prototypes.split().isBlank()) {
                prototypes = new ProbeInfo(prototypes.id(), prototypes.size(), "train");
            }
        }

        /** The required arrays and names; no held-out pair, the train split for both. */
        public static Imprinted of(Path predictions, Path labels, String probeId, String prototypesId, int prototypesSize) {
            return new Imprinted(predictions, labels, null, null, probeId, null,
                    new ProbeInfo(prototypesId, prototypesSize, "train"));
        }

        public Imprinted withHeldOut(Path heldOutPredictions, Path heldOutLabels) {
            return new Imprinted(predictions, labels, heldOutPredictions, heldOutLabels, probeId, probeSplit, prototypes);
        }
    }

    /**
     * What was written of the imprinted predictions.
     *
     * @param heldOutSize    M, or -1 without a shared held-out probe
     * @param firstAccuracy  accuracy of the imprinted predictions on the shared probe at the first checkpoint
     * @param lastAccuracy   the same at the last checkpoint
     */
    public record ImprintedResult(int probeSize, int heldOutSize, int classes, double firstAccuracy, double lastAccuracy) {}

    /**
     * What was written.
     *
     * @param heldOutSize     M, or -1 without a held-out probe
     * @param metrics         the metrics written, one per checkpoint
     * @param logLinesUsed    metrics-log lines at checkpoint steps (0 without a log)
     * @param logLinesIgnored metrics-log lines at other steps
     * @param computed        metrics columns computed from the predictions (where the log had no value)
     * @param imprinted       the imprinted predictions written, or null when the run has none
     */
    public record Result(Path dir, int checkpoints, int probeSize, int classes, int heldOutSize,
                         List<CheckpointMetrics> metrics, int logLinesUsed, int logLinesIgnored, List<String> computed,
                         ImprintedResult imprinted) {}

    private RunImport() {}

    /**
     * Checks every input, then writes the run folder {@code out}.
     *
     * @throws RunFormatException         an input is missing or wrong (the message names file and problem);
     *                                    nothing was written
     * @throws FileAlreadyExistsException {@code out} exists and is not an empty folder; nothing was written
     * @throws IOException                writing failed; what this import wrote was removed
     */
    public static Result write(Request request, Path out) throws RunFormatException, IOException {
        requireFreshFolder(out);
        long[] steps = readSteps(request.steps());
        int[] labels = readLabels(request.labels(), "labels");
        int[] heldOutLabels = request.heldOutLabels() == null ? null : readLabels(request.heldOutLabels(), "held-out labels");
        Imprinted imp = request.imprinted();
        int[] imprintedLabels = imp == null ? null : readLabels(imp.labels(), "imprinted labels");
        int[] imprintedHeldOutLabels = imp == null || imp.heldOutLabels() == null ? null
                : readLabels(imp.heldOutLabels(), "imprinted held-out labels");
        List<CheckpointMetrics> log = request.metrics() == null ? null : readLog(request.metrics());
        try (LoosePredictions probe = LoosePredictions.open(request.predictions(), "predictions", steps, request.steps(),
                labels.length, request.labels());
             LoosePredictions heldOut = heldOutLabels == null ? null : LoosePredictions.open(request.heldOutPredictions(),
                     "held-out predictions", steps, request.steps(), heldOutLabels.length, request.heldOutLabels());
             LoosePredictions imprinted = imp == null ? null : LoosePredictions.open(imp.predictions(),
                     "imprinted predictions", steps, request.steps(), imprintedLabels.length, imp.labels());
             LoosePredictions imprintedHeldOut = imprintedHeldOutLabels == null ? null : LoosePredictions.open(
                     imp.heldOutPredictions(), "imprinted held-out predictions", steps, request.steps(),
                     imprintedHeldOutLabels.length, imp.heldOutLabels())) {
            Face head = new Face(labels, probe, request.labels(), heldOutLabels, heldOut, request.heldOutLabels());
            head.requireConsistent(request.predictions(), request.heldOutPredictions());
            Face imprintedFace = imp == null ? null : new Face(imprintedLabels, imprinted, imp.labels(),
                    imprintedHeldOutLabels, imprintedHeldOut, imp.heldOutLabels());
            if (imprintedFace != null) {
                imprintedFace.requireConsistent(imp.predictions(), imp.heldOutPredictions());
                requireEnoughPrototypes(imp, imprinted.classes());
                requireOneProbePerId(request, head, imprintedFace);
            }
            Checkpoints checkpoints = new Checkpoints(request, steps, head, imprintedFace);
            MetricsMerge merged = MetricsMerge.of(log, request.metrics(), steps);
            List<CheckpointMetrics> metrics = new ArrayList<>();
            for (int t = 0; t < steps.length; t++) metrics.add(merged.complete(t, checkpoints.scores(t)));
            ImprintedResult imprintedResult = imprintedFace == null ? null : checkpoints.checkImprinted();
            write(request, out, checkpoints, metrics);
            return new Result(out, steps.length, labels.length, probe.classes(), heldOutLabels == null ? -1 : heldOutLabels.length,
                    List.copyOf(metrics), merged.used(), merged.ignored(), merged.computed(), imprintedResult);
        }
    }

    /**
     * One probe's labels and predictions with its optional held-out pair: the head's, or the
     * imprinted ones; the files are kept for messages.
     */
    private record Face(int[] labels, LoosePredictions predictions, Path labelsFile,
                        int[] heldOutLabels, LoosePredictions heldOut, Path heldOutLabelsFile) {
        int classes() { return predictions.classes(); }

        /** Labels in [0, C), and a held-out array with the same classes as the probe's. */
        void requireConsistent(Path predictionsFile, Path heldOutFile) throws RunFormatException {
            int classes = classes();
            requireLabelsBelow(labels, classes, labelsFile, predictionsFile);
            if (heldOut == null) return;
            if (heldOut.classes() != classes) {
                throw new RunFormatException(heldOutFile + ": " + heldOut.role() + " have " + heldOut.classes()
                        + " classes but " + predictionsFile + " has " + classes);
            }
            requireLabelsBelow(heldOutLabels, classes, heldOutLabelsFile, predictionsFile);
        }

        float[] probe(int t, long step, Rows rows) throws RunFormatException {
            return predictions.checkpoint(t, step, rows.mode);
        }

        float[] heldOut(int t, long step, Rows rows) throws RunFormatException {
            return heldOut == null ? null : heldOut.checkpoint(t, step, rows.mode);
        }
    }

    /**
     * A probe id names one set of samples in one order with their labels (a full-problem run's own
     * probe is its shared probe): when the two ids are equal the two probes must be too, which
     * catches the head's labels given as the imprinted ones.
     */
    private static void requireOneProbePerId(Request request, Face head, Face imprinted) throws RunFormatException {
        Imprinted imp = request.imprinted();
        if (!imp.probeId().equals(request.probeId())) return;
        String same = "the imprinted probe id " + InputText.quote(imp.probeId()) + " is the run's own probe id, but ";
        if (imprinted.classes() != head.classes() || imprinted.labels().length != head.labels().length) {
            throw new RunFormatException(imp.predictions() + ": " + same + "the imprinted predictions are "
                    + imprinted.labels().length + " samples of " + imprinted.classes() + " classes and " + request.predictions()
                    + " " + head.labels().length + " of " + head.classes() + "; give the shared probe its own id");
        }
        for (int i = 0; i < head.labels().length; i++) {
            if (imprinted.labels()[i] != head.labels()[i]) {
                throw new RunFormatException(imp.labels() + ": " + same + "label " + imprinted.labels()[i] + " at index " + i
                        + " differs from " + request.labels() + " (" + head.labels()[i] + "); one id names one probe");
            }
        }
    }

    /** Imprinting averages features over prototype samples of every class, so there must be at least one per class. */
    private static void requireEnoughPrototypes(Imprinted imp, int classes) throws RunFormatException {
        if (imp.prototypes().size() < classes) {
            throw new RunFormatException(imp.predictions() + ": imprinted predictions have " + classes
                    + " classes, but the prototypes are " + imp.prototypes().size() + " samples; every class needs"
                    + " at least one prototype sample");
        }
    }

    /**
     * The prediction arrays read checkpoint by checkpoint, the same way in the check and in the
     * write; {@code imprinted} is null when the run has no imprinted predictions.
     */
    private record Checkpoints(Request request, long[] steps, Face head, Face imprinted) {
        int[] labels() { return head.labels(); }

        int[] heldOutLabels() { return head.heldOutLabels(); }

        int classes() { return head.classes(); }

        float[] probe(int t) throws RunFormatException {
            return head.probe(t, steps[t], request.rows());
        }

        float[] heldOut(int t) throws RunFormatException {
            return head.heldOut(t, steps[t], request.rows());
        }

        float[] imprinted(int t) throws RunFormatException {
            return imprinted == null ? null : imprinted.probe(t, steps[t], request.rows());
        }

        float[] imprintedHeldOut(int t) throws RunFormatException {
            return imprinted == null ? null : imprinted.heldOut(t, steps[t], request.rows());
        }

        /** Probe and held-out scores of checkpoint t (held-out null without a held-out probe). */
        ProbeScore[] scores(int t) throws RunFormatException {
            float[] h = heldOut(t);
            return new ProbeScore[]{ProbeScore.of(probe(t), labels(), classes()),
                    h == null ? null : ProbeScore.of(h, heldOutLabels(), classes())};
        }

        /** Reads and checks every imprinted checkpoint before anything is written; their accuracy at the ends. */
        ImprintedResult checkImprinted() throws RunFormatException {
            double first = Double.NaN, last = Double.NaN;
            for (int t = 0; t < steps.length; t++) {
                float[] rows = imprinted(t);
                imprintedHeldOut(t);
                if (t == 0 || t == steps.length - 1) {
                    double accuracy = ProbeScore.of(rows, imprinted.labels(), imprinted.classes()).accuracy();
                    if (t == 0) first = accuracy;
                    last = accuracy;
                }
            }
            return new ImprintedResult(imprinted.labels().length,
                    imprinted.heldOutLabels() == null ? -1 : imprinted.heldOutLabels().length,
                    imprinted.classes(), first, last);
        }

        /** run.json's imprint block and the shared probes' labels, or null without imprinted predictions. */
        ImprintedProbe imprintedProbe() {
            if (imprinted == null) return null;
            Imprinted imp = request.imprinted();
            ProbeInfo shared = new ProbeInfo(imp.probeId(), imprinted.labels().length, imp.probeSplit());
            return new ImprintedProbe(new ImprintInfo(imprinted.classes(), shared, imp.prototypes()),
                    imprinted.labels(), imprinted.heldOutLabels());
        }
    }

    /**
     * Writes the run into a hidden sibling folder and renames that onto {@code out} only once it is
     * finished, so a killed or failed import never leaves a half run at {@code out} that blocks a
     * re-run; a leftover temporary folder is hidden (the run library skips it) and is removed by
     * the next import into the same place once the process that made it is gone.
     */
    private static void write(Request request, Path out, Checkpoints checkpoints, List<CheckpointMetrics> metrics)
            throws IOException, RunFormatException {
        Map<String, Object> spec = new LinkedHashMap<>(request.spec());
        spec.put("imported", provenance(request));
        ProbeInfo probe = new ProbeInfo(request.probeId(), checkpoints.labels().length, request.probeSplit());
        Path absolute = out.toAbsolutePath();
        removeLeftovers(absolute);
        Path temp = ImportFolders.temp(absolute);
        try {
            try (RunWriter w = RunWriter.create(temp, request.name(), checkpoints.classes(), probe, spec,
                    checkpoints.labels(), checkpoints.heldOutLabels(), checkpoints.imprintedProbe())) {
                for (int t = 0; t < metrics.size(); t++) {
                    w.append(new Checkpoint(metrics.get(t), checkpoints.probe(t), checkpoints.heldOut(t), null,
                            checkpoints.imprinted(t), checkpoints.imprintedHeldOut(t)));
                }
                w.finish(request.status(), summary(metrics));
            }
            ImportFolders.moveInPlace(temp, absolute);
        } catch (IOException | RunFormatException | RuntimeException e) {
            ImportFolders.deleteQuietly(temp, e);
            throw e;
        }
    }

    private static void removeLeftovers(Path out) {
        try {
            ImportFolders.removeLeftovers(out);
        } catch (IOException | RuntimeException ignored) {
            // a leftover that cannot be removed is hidden and harmless; this import uses its own folder
        }
    }

    /** Where the run came from, kept in its spec (file names only: paths would leak the importer's disk). */
    private static Map<String, Object> provenance(Request r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predictions", fileName(r.predictions()));
        m.put("labels", fileName(r.labels()));
        m.put("steps", fileName(r.steps()));
        if (r.heldOutPredictions() != null) {
            m.put("held_out_predictions", fileName(r.heldOutPredictions()));
            m.put("held_out_labels", fileName(r.heldOutLabels()));
        }
        if (r.metrics() != null) m.put("metrics", fileName(r.metrics()));
        Imprinted i = r.imprinted();
        if (i != null) {
            m.put("imprinted_predictions", fileName(i.predictions()));
            m.put("imprinted_labels", fileName(i.labels()));
            if (i.heldOutPredictions() != null) {
                m.put("imprinted_held_out_predictions", fileName(i.heldOutPredictions()));
                m.put("imprinted_held_out_labels", fileName(i.heldOutLabels()));
            }
        }
        m.put("rows", r.rows().mode.description());
        return m;
    }

    private static String fileName(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    /** The engine's summary fields that an import knows: the last checkpoint's figures. */
    private static Map<String, Object> summary(List<CheckpointMetrics> metrics) {
        CheckpointMetrics last = metrics.get(metrics.size() - 1);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("reason", "imported");
        s.put("checkpoints", metrics.size());
        s.put("step", last.step());
        putIfMeasured(s, "epoch", last.epoch());
        putIfMeasured(s, "train_loss", last.trainLoss());
        putIfMeasured(s, "train_accuracy", last.trainAccuracy());
        putIfMeasured(s, "test_probe_loss", last.testLoss());
        putIfMeasured(s, "test_probe_accuracy", last.testAccuracy());
        return s;
    }

    /** JSON has no NaN: a figure not measured is left out. */
    private static void putIfMeasured(Map<String, Object> m, String key, double v) {
        if (!Double.isNaN(v)) m.put(key, v);
    }

    private static void requireFreshFolder(Path out) throws IOException {
        if (!Files.exists(out)) return;
        if (!Files.isDirectory(out)) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists and is not a folder; import never overwrites");
        }
        try (Stream<Path> children = Files.list(out)) {
            if (children.findAny().isPresent()) {
                throw new FileAlreadyExistsException(out.toString(), null,
                        "already exists and is not empty; import never overwrites (choose a new folder)");
            }
        }
    }

    private static long[] readSteps(Path file) throws RunFormatException {
        long[] steps = Npy.readLongs(requireVector(file, "steps", "(T,), one training step per checkpoint", ""), Run.MAX_CHECKPOINTS);
        if (steps.length == 0) throw new RunFormatException(file + ": steps are empty; an import needs at least one checkpoint");
        for (int t = 0; t < steps.length; t++) {
            if (steps[t] < 0) throw new RunFormatException(file + ": step " + steps[t] + " at index " + t + " is negative");
            if (t > 0 && steps[t] <= steps[t - 1]) {
                throw new RunFormatException(file + ": steps must increase strictly, but step " + steps[t] + " at index "
                        + t + " follows " + steps[t - 1] + " (sort the checkpoints, and their predictions, by step)");
            }
        }
        return steps;
    }

    private static int[] readLabels(Path file, String role) throws RunFormatException {
        int[] labels = Npy.readInts(requireVector(file, role, "(N,) class indices", " (one-hot? save labels.argmax(axis=1))"),
                Run.MAX_PROBE_SIZE);
        if (labels.length == 0) throw new RunFormatException(file + ": " + role + " are empty; a probe needs at least one sample");
        return labels;
    }

    /** Refuses, with the role in the message, an array that is not a 1-D integer array. */
    private static Path requireVector(Path file, String role, String expected, String matrixHint) throws RunFormatException {
        Npy.Header h = Npy.readHeader(file);
        if (h.ndim() != 1) {
            throw new RunFormatException(file + ": " + role + " have shape " + h.shapeString() + "; expected " + expected
                    + (h.ndim() == 2 ? matrixHint : ""));
        }
        if (!h.dtype().isInteger()) {
            throw new RunFormatException(file + ": " + role + " have dtype " + h.dtype().numpyName()
                    + "; expected integers (save a.astype(np.int64))");
        }
        return file;
    }

    private static void requireLabelsBelow(int[] labels, int classes, Path file, Path predictions) throws RunFormatException {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new RunFormatException(file + ": label " + labels[i] + " at index " + i + " is outside [0, " + classes
                        + ") (" + predictions + " has " + classes + " classes)");
            }
        }
    }

    private static List<CheckpointMetrics> readLog(Path file) throws RunFormatException {
        if (!Files.isRegularFile(file)) throw new RunFormatException(file + ": missing file");
        return MetricsCsv.readLog(file);
    }
}
