package org.predspace.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder, opened, checked and loaded (see docs/run-format.md). Immutable: it holds the
 * checkpoints committed when it was opened, and re-opening sees later ones. Every accessor
 * returns a copy, so callers cannot change what others see.
 *
 * <p>All committed predictions are loaded (T=80, N=1000, C=10 is 3.2 MB). To stream a larger
 * run checkpoint by checkpoint, use {@link PredictionArray} directly.
 */
public final class Run {
    /** Limits that keep a hostile or broken folder from exhausting memory; far above real runs. */
    static final int MAX_CHECKPOINTS = 1_000_000;
    static final int MAX_PROBE_SIZE = 10_000_000;
    static final long MAX_LOADED_VALUES = 1L << 28;
    static final int MAX_PARAMETERS = 1 << 28;

    private final Path dir;
    private final RunManifest manifest;
    private final long[] steps;
    private final int[] labels;
    private final float[][] predictions;
    private final int[] testLabels;
    /** null when the run has no held-out probe. */
    private final float[][] testPredictions;
    private final List<CheckpointMetrics> metrics;
    private final long[] parameterSteps;
    /** True for the view {@link #imprinted()} returns. */
    private final boolean imprintedView;
    /** Status running and a writer that seemed alive when the run was opened. */
    private final boolean beingWritten;
    /** The imprinted view, read on first use; null until then or when there is none. */
    private Run imprinted;

    private Run(Path dir, RunManifest manifest, long[] steps, Face face, List<CheckpointMetrics> metrics,
                long[] parameterSteps, boolean imprintedView, boolean beingWritten) {
        this.dir = dir;
        this.manifest = manifest;
        this.steps = steps;
        this.labels = face.labels;
        this.predictions = face.predictions;
        this.testLabels = face.testLabels;
        this.testPredictions = face.testPredictions;
        this.metrics = List.copyOf(metrics);
        this.parameterSteps = parameterSteps;
        this.imprintedView = imprintedView;
        this.beingWritten = beingWritten;
    }

    /** Labels and predictions of one probe and its optional held-out probe, as one folder holds them. */
    private record Face(int[] labels, float[][] predictions, int[] testLabels, float[][] testPredictions) {}

    public static Run open(Path dir) throws RunFormatException {
        if (!Files.isDirectory(dir)) {
            throw new RunFormatException(dir + (Files.exists(dir) ? ": is a file, not a run folder" : ": no such run folder"));
        }
        RunManifest manifest = RunManifest.read(dir.resolve(RunFiles.MANIFEST));
        long[] steps = readSteps(dir.resolve(RunFiles.STEPS));
        Face face = readFace(dir, steps.length, manifest.classes(), manifest.probe().size(), "probe.size");
        return new Run(dir, manifest, steps, face, MetricsCsv.read(dir.resolve(RunFiles.METRICS), steps),
                ParameterSnapshots.list(dir, steps), false, beingWritten(dir, manifest, Instant.now()));
    }

    /**
     * Whether the run in {@code dir} is still being written at {@code now}: status running and a
     * writer block whose writer seems alive (in this process: a writer still open on the folder;
     * elsewhere: {@link WriterIdentity#seemsAlive}). A running run without a writer block (an
     * older run, another tool's) cannot be told from a dead one and counts as interrupted, as before.
     */
    public static boolean beingWritten(Path dir, RunManifest manifest, Instant now) {
        WriterIdentity writer = manifest.writer();
        if (manifest.status() != RunStatus.RUNNING || writer == null) return false;
        return writer.isThisProcess() ? RunWriter.openHere(dir) : writer.seemsAlive(now);
    }

    /**
     * Only run.json of the run in {@code dir}: cheap, for a reader that polls a run's status
     * (with {@link #beingWritten(Path, RunManifest, Instant)} for whether its writer still lives).
     */
    public static RunManifest manifest(Path dir) throws RunFormatException {
        return RunManifest.read(dir.resolve(RunFiles.MANIFEST));
    }

    /**
     * Reads labels.npy, predictions.npy and the optional held-out pair from {@code folder}: the
     * run folder itself, or its imprinted folder.
     *
     * @param sizeField what run.json calls the probe size, for messages
     */
    private static Face readFace(Path folder, int checkpoints, int classes, int probeSize, String sizeField)
            throws RunFormatException {
        int[] labels = readLabels(folder.resolve(RunFiles.LABELS), classes);
        if (labels.length != probeSize) {
            throw new RunFormatException(folder.resolve(RunFiles.LABELS) + ": has " + labels.length
                    + " labels but run.json says " + sizeField + " is " + probeSize);
        }
        PredictionArray probe = PredictionArray.open(folder.resolve(RunFiles.PREDICTIONS), checkpoints, labels.length,
                classes, RunFiles.LABELS);

        Path testLabelsFile = folder.resolve(RunFiles.TEST_LABELS);
        Path testPredictionsFile = folder.resolve(RunFiles.TEST_PREDICTIONS);
        boolean hasTest = Files.exists(testLabelsFile);
        if (hasTest != Files.exists(testPredictionsFile)) {
            Path missing = hasTest ? testPredictionsFile : testLabelsFile;
            throw new RunFormatException(missing + ": missing; " + RunFiles.TEST_LABELS + " and "
                    + RunFiles.TEST_PREDICTIONS + " come together");
        }
        int[] testLabels = hasTest ? readLabels(testLabelsFile, classes) : new int[0];
        PredictionArray test = hasTest ? PredictionArray.open(testPredictionsFile, checkpoints, testLabels.length,
                classes, RunFiles.TEST_LABELS) : null;

        long values = (long) checkpoints * classes * (labels.length + testLabels.length);
        if (values > MAX_LOADED_VALUES) {
            throw new RunFormatException(folder + ": " + values + " prediction values exceed the " + MAX_LOADED_VALUES
                    + " this reader loads at once; stream it with PredictionArray");
        }
        return new Face(labels, loadAll(probe), testLabels, test == null ? null : loadAll(test));
    }

    /** Whether run.json declares imprinted predictions (docs/run-format.md); false for the imprinted view itself. */
    public boolean hasImprinted() { return !imprintedView && manifest.imprint() != null; }

    /** Whether this is the imprinted view of a run ({@link #imprinted()}). */
    public boolean isImprintedView() { return imprintedView; }

    /**
     * The run as its imprinted predictions show it: the same name, spec, summary, steps and
     * folder, but its probe, labels, classes and predictions are the imprinted ones (the full
     * problem's classes on the shared probe), its metrics are the loss and accuracy of those
     * predictions, and it lists no parameter snapshots (the network's own head does not compute
     * these predictions, so nothing may rebuild them from the parameters). Read on first call,
     * with the checkpoints this run committed when it was opened.
     *
     * @throws RunFormatException the run has none (the message names it), or they are unreadable
     */
    public synchronized Run imprinted() throws RunFormatException {
        if (imprinted != null) return imprinted;
        if (!hasImprinted()) {
            throw new RunFormatException(name() + " has no imprinted predictions (" + dir + " was written without them)");
        }
        ImprintInfo info = manifest.imprint();
        Face face = readFace(dir.resolve(RunFiles.IMPRINTED_DIR), steps.length, info.classes(), info.probe().size(),
                "imprint.probe.size");
        RunManifest view = new RunManifest(manifest.name(), info.classes(), info.probe(), manifest.spec(),
                manifest.status(), manifest.summary(), manifest.created(), manifest.finished(), info, manifest.writer());
        imprinted = new Run(dir, view, steps, face, imprintedMetrics(face), new long[0], true, beingWritten);
        return imprinted;
    }

    /** Loss and accuracy of the imprinted predictions at every checkpoint, with the run's own epochs. */
    private List<CheckpointMetrics> imprintedMetrics(Face face) {
        Map<Long, Double> epochs = new HashMap<>();
        for (CheckpointMetrics m : metrics) epochs.put(m.step(), m.epoch());
        int classes = manifest.imprint().classes();
        List<CheckpointMetrics> out = new ArrayList<>(steps.length);
        for (int t = 0; t < steps.length; t++) {
            ProbeScore train = ProbeScore.of(face.predictions[t], face.labels, classes);
            ProbeScore test = face.testPredictions == null ? new ProbeScore(Double.NaN, Double.NaN)
                    : ProbeScore.of(face.testPredictions[t], face.testLabels, classes);
            out.add(new CheckpointMetrics(steps[t], epochs.getOrDefault(steps[t], Double.NaN), train.loss(),
                    train.accuracy(), test.loss(), test.accuracy()));
        }
        return out;
    }

    /** The commit record: its length is the number of checkpoints that exist. */
    private static long[] readSteps(Path file) throws RunFormatException {
        long[] steps = Npy.readLongs(file, MAX_CHECKPOINTS);
        for (int t = 1; t < steps.length; t++) {
            if (steps[t] <= steps[t - 1]) {
                throw new RunFormatException(file + ": steps must increase strictly, but step " + steps[t]
                        + " at index " + t + " follows " + steps[t - 1]);
            }
        }
        return steps;
    }

    private static int[] readLabels(Path file, int classes) throws RunFormatException {
        int[] labels = Npy.readInts(file, MAX_PROBE_SIZE);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new RunFormatException(file + ": label " + labels[i] + " at index " + i + " is outside [0, "
                        + classes + ") (run.json says " + classes + " classes)");
            }
        }
        return labels;
    }

    private static float[][] loadAll(PredictionArray array) throws RunFormatException {
        return array.read(0, array.checkpoints());
    }

    public Path dir() { return dir; }

    /** Everything run.json says, including created/finished timestamps. */
    public RunManifest manifest() { return manifest; }

    public String name() { return manifest.name(); }

    public int classes() { return manifest.classes(); }

    public ProbeInfo probe() { return manifest.probe(); }

    public RunStatus status() { return manifest.status(); }

    /**
     * True when run.json still says "running" but no live writer was seen when the run was
     * opened: the writer was killed or crashed (or, for a run without a writer block, may still be
     * writing: that cannot be told).
     */
    public boolean interrupted() { return manifest.status() == RunStatus.RUNNING && !beingWritten; }

    /** True when run.json says "running" and its writer (run.json's writer block) seemed alive when the run was opened. */
    public boolean beingWritten() { return beingWritten; }

    /** One sentence for the user about how the run ended. */
    public String statusMessage() {
        String at = steps.length == 0 ? "before its first checkpoint"
                : "after " + steps.length + " checkpoint" + (steps.length == 1 ? "" : "s")
                + " (last step " + steps[steps.length - 1] + ")";
        return switch (manifest.status()) {
            case RUNNING -> beingWritten
                    ? "Running " + at + ": being written by " + manifest.writer().describe()
                    + "; every checkpoint committed so far is shown."
                    : manifest.writer() != null
                    ? "Interrupted " + at + ": its writer, " + manifest.writer().describe()
                    + ", stopped without finishing; every checkpoint it completed is shown."
                    : "Interrupted " + at + ": the writer stopped without finishing (or is still "
                    + "writing); every checkpoint it completed is shown.";
            case FINISHED -> "Finished " + at + ".";
            case CANCELLED -> "Cancelled " + at + ".";
            case DIVERGED -> "Diverged " + at + ".";
            case FAILED -> "Failed " + at + (failureReason() == null ? "." : ": " + failureReason());
        };
    }

    /** Why a failed run stopped, as its writer recorded it in the summary; null when it did not say. */
    private String failureReason() {
        Object reason = manifest.summary().get("reason");
        return reason instanceof String r && !r.isBlank() ? r : null;
    }

    /** The training spec the engine recorded: unmodifiable, JSON-shaped (String, Number, Boolean, List, Map, null). */
    public Map<String, Object> spec() { return manifest.spec(); }

    /** Final metrics written by {@link RunWriter#finish}; empty while running or when absent. */
    public Map<String, Object> summary() { return manifest.summary(); }

    public int checkpointCount() { return steps.length; }

    public long[] steps() { return steps.clone(); }

    /** Probe labels, length N. */
    public int[] labels() { return labels.clone(); }

    /** Probe predictions at checkpoint {@code t}: N*C floats, row-major. */
    public float[] predictions(int t) { return predictions[t].clone(); }

    /** Element-wise square roots of {@link #predictions}: the coordinates Bhattacharyya geometry works in. */
    public float[] sqrtPredictions(int t) {
        float[] p = predictions[t];
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) out[i] = (float) Math.sqrt(p[i]);
        return out;
    }

    public boolean hasTestSet() { return testPredictions != null; }

    /** Held-out probe labels, or an empty array when the run has none. */
    public int[] testLabels() { return testLabels.clone(); }

    /** Held-out probe predictions at checkpoint {@code t}, or an empty array when the run has none. */
    public float[] testPredictions(int t) {
        if (!hasTestSet()) return new float[0];
        return testPredictions[t].clone();
    }

    /** One entry per committed metrics line, ascending by step; empty when metrics.csv is absent. */
    public List<CheckpointMetrics> metrics() { return metrics; }

    /** Committed steps that have a parameter snapshot, ascending. */
    public long[] parameterSteps() { return parameterSteps.clone(); }

    /**
     * The steps among {@code committedSteps} (ascending) that have a parameter snapshot in the
     * run folder {@code dir}, ascending, found by listing its params folder without opening the
     * run: cheap enough to ask when a run is selected.
     */
    public static long[] parameterSteps(Path dir, long[] committedSteps) throws RunFormatException {
        return ParameterSnapshots.list(dir, committedSteps);
    }

    /**
     * The flat parameter vector saved at {@code step}, read from disk on each call.
     *
     * @throws RunFormatException the file is unreadable or holds a NaN or infinity (which would
     *                            otherwise surface as a numerical library's error code)
     */
    public float[] parameters(long step) throws RunFormatException {
        if (Arrays.binarySearch(parameterSteps, step) < 0) {
            throw new IllegalArgumentException("no parameter snapshot at step " + step);
        }
        return ParameterSnapshots.read(dir, step, MAX_PARAMETERS);
    }
}
