package org.predspace.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a run folder incrementally (see docs/run-format.md) so that a process killed at any
 * moment leaves every completed checkpoint readable and no partial one visible.
 *
 * <p>Per checkpoint: parameter snapshot (atomic rename), then each array file's row (data,
 * force, header), then the metrics line, and last the step in steps.npy, which commits it.
 * Earlier data is never rewritten. Not meant for concurrent appends; methods are synchronized
 * so another thread may safely ask {@link #checkpointCount()}.
 */
public final class RunWriter implements AutoCloseable {
    /**
     * Folders this process is writing (real paths): a reader in the same process asks here
     * rather than the OS, since this process being alive says nothing about a writer it closed
     * without finishing (an interrupted run, docs/run-format.md).
     */
    private static final Map<Path, RunWriter> OPEN_HERE = new ConcurrentHashMap<>();
    private final Path dir;
    private final int classes;
    private final int probeSize;
    private final int testSize; // -1 when the run has no held-out probe
    private final NpyAppender predictions;
    private final NpyAppender testPredictions;
    private final FileChannel metrics;
    private final NpyAppender steps;
    /** null when the run records no imprinted predictions. */
    private final ImprintedAppenders imprinted;
    private RunManifest manifest;
    /** When the heartbeat {@link #dueFor} (the manifest's, as written) is due for renewal. */
    private Instant beatDue;
    private String dueFor;
    /** steps.npy's identity (inode) when this writer claimed the folder; null where the file system has none. */
    private final Object claimKey;
    /** The folder's real path, this writer's key in {@link #OPEN_HERE}. */
    private final Path openKey;
    private long metricsEnd;
    private long lastStep = Long.MIN_VALUE;
    private int count;
    private boolean closed;
    private boolean finished;
    /** Set when an append failed part way: the disk holds the last commit, but this writer's files may not agree. */
    private IOException failure;

    /** The imprinted folder's arrays; test is null when the imprinted predictions have no held-out probe. */
    private record ImprintedAppenders(int classes, int size, int testSize, NpyAppender probe, NpyAppender test) {}

    private RunWriter(Path dir, RunManifest manifest, int testSize, NpyAppender predictions,
                      NpyAppender testPredictions, FileChannel metrics, long metricsEnd, NpyAppender steps,
                      ImprintedAppenders imprinted) {
        this.dir = dir;
        this.manifest = manifest;
        this.classes = manifest.classes();
        this.probeSize = manifest.probe().size();
        this.testSize = testSize;
        this.predictions = predictions;
        this.testPredictions = testPredictions;
        this.metrics = metrics;
        this.metricsEnd = metricsEnd;
        this.steps = steps;
        this.imprinted = imprinted;
        this.claimKey = fileKey(dir.resolve(RunFiles.STEPS));
        this.openKey = realPath(dir);
    }

    /**
     * Creates the run folder (or uses an existing one that holds no run files) with status "running".
     *
     * @param testLabels labels of the held-out probe, or null when the run has none
     * @throws FileAlreadyExistsException if {@code dir} already holds a run file
     */
    public static RunWriter create(Path dir, String name, int classes, ProbeInfo probe, Map<String, Object> spec,
                                   int[] probeLabels, int[] testLabels) throws IOException {
        return create(dir, name, classes, probe, spec, probeLabels, testLabels, null);
    }

    /**
     * As above, also recording imprinted predictions on {@code imprint}'s shared probes (every
     * checkpoint must then carry them), or none when it is null.
     */
    public static RunWriter create(Path dir, String name, int classes, ProbeInfo probe, Map<String, Object> spec,
                                   int[] probeLabels, int[] testLabels, ImprintedProbe imprint) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
        if (classes < 1) throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        if (probeLabels.length != probe.size()) {
            throw new IllegalArgumentException(probeLabels.length + " probe labels for a probe of size " + probe.size());
        }
        requireLabelsInRange(probeLabels, classes, "probe");
        if (testLabels != null) requireLabelsInRange(testLabels, classes, "test");
        if (imprint != null) {
            requireLabelsInRange(imprint.labels(), imprint.info().classes(), "imprinted probe");
            if (imprint.testLabels() != null) requireLabelsInRange(imprint.testLabels(), imprint.info().classes(), "imprinted test");
        }
        Instant now = Instant.now();
        RunManifest manifest = RunManifest.start(name, classes, probe, spec, now,
                imprint == null ? null : imprint.info(), WriterIdentity.current(now));

        Files.createDirectories(dir);
        for (String f : RunFiles.ALL) {
            if (Files.exists(dir.resolve(f))) throw new FileAlreadyExistsException(dir.resolve(f).toString(), null, "already holds a run");
        }
        NpyAppender predictions = null, test = null, steps = null, imprintedProbe = null, imprintedTest = null;
        FileChannel metrics = null;
        try {
            steps = claim(dir);
            AtomicFiles.write(dir.resolve(RunFiles.LABELS), Npy.encode(probeLabels));
            if (testLabels != null) AtomicFiles.write(dir.resolve(RunFiles.TEST_LABELS), Npy.encode(testLabels));
            ImprintedAppenders imprinted = null;
            if (imprint != null) {
                Path folder = Files.createDirectories(dir.resolve(RunFiles.IMPRINTED_DIR));
                int c = imprint.info().classes();
                AtomicFiles.write(folder.resolve(RunFiles.LABELS), Npy.encode(imprint.labels()));
                imprintedProbe = NpyAppender.create(folder.resolve(RunFiles.PREDICTIONS), Npy.DType.FLOAT32,
                        imprint.labels().length, c);
                if (imprint.testLabels() != null) {
                    AtomicFiles.write(folder.resolve(RunFiles.TEST_LABELS), Npy.encode(imprint.testLabels()));
                    imprintedTest = NpyAppender.create(folder.resolve(RunFiles.TEST_PREDICTIONS), Npy.DType.FLOAT32,
                            imprint.testLabels().length, c);
                }
                imprinted = new ImprintedAppenders(c, imprint.labels().length,
                        imprint.testLabels() == null ? -1 : imprint.testLabels().length, imprintedProbe, imprintedTest);
            }
            predictions = NpyAppender.create(dir.resolve(RunFiles.PREDICTIONS), Npy.DType.FLOAT32, probe.size(), classes);
            if (testLabels != null) {
                test = NpyAppender.create(dir.resolve(RunFiles.TEST_PREDICTIONS), Npy.DType.FLOAT32, testLabels.length, classes);
            }
            metrics = FileChannel.open(dir.resolve(RunFiles.METRICS), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ByteBuffer header = utf8(MetricsCsv.HEADER + "\n");
            long metricsEnd = header.remaining();
            ChannelIo.writeFully(metrics, header, 0);
            metrics.force(true);
            RunWriter writer = new RunWriter(dir, manifest, testLabels == null ? -1 : testLabels.length, predictions, test,
                    metrics, metricsEnd, steps, imprinted);
            OPEN_HERE.put(writer.openKey, writer);
            try {
                // run.json last: a folder that has it has every file it promises
                AtomicFiles.write(dir.resolve(RunFiles.MANIFEST), manifest.toJson());
            } catch (IOException | RuntimeException e) {
                OPEN_HERE.remove(writer.openKey, writer);
                throw e;
            }
            return writer;
        } catch (IOException | RuntimeException e) {
            closeQuietly(e, predictions, test, metrics, steps, imprintedProbe, imprintedTest);
            throw e;
        }
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Refuses to write by path into a folder that is no longer this writer's: a re-run that took
     * this writer for dead (its heartbeat stale behind a hung file system) moved the folder aside
     * and claimed a new one under the same name, whose run.json and snapshots must not be ours.
     */
    private void requireStillOurs() throws IOException {
        if (claimKey == null) return;
        Object now = fileKey(dir.resolve(RunFiles.STEPS));
        if (!claimKey.equals(now)) {
            throw new IOException(dir + " is no longer this writer's run folder: it was moved aside"
                    + " (a re-run of the run took it for interrupted)");
        }
    }

    /** Whether a writer of this process has {@code dir} open (created, not yet closed). */
    static boolean openHere(Path dir) {
        return OPEN_HERE.containsKey(realPath(dir));
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /**
     * Claims the folder for this writer: steps.npy, created empty with CREATE_NEW before any other
     * file, which the file system grants to exactly one of several processes racing for the same
     * folder (cluster tasks sharing an output folder), so the loser writes nothing.
     */
    private static NpyAppender claim(Path dir) throws IOException {
        try {
            return NpyAppender.create(dir.resolve(RunFiles.STEPS), Npy.DType.INT64);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(dir.toString(), null, "another writer claimed this run folder first");
        }
    }

    /**
     * Renews the writer's heartbeat in run.json (atomically, as every rewrite of it) when the
     * last renewal is {@link WriterIdentity#HEARTBEAT_SECONDS} old; otherwise does nothing, so a
     * training loop may call it every step. Readers on other hosts tell a live writer from a
     * dead one by it (docs/run-format.md).
     */
    public synchronized void heartbeat() throws IOException {
        if (closed || finished || manifest.writer() == null) return;
        Instant now = Instant.now();
        WriterIdentity w = manifest.writer();
        if (!w.heartbeat().equals(dueFor)) {   // parsed once per renewal, not at every step (JFR: 1% of a LeNet run)
            dueFor = w.heartbeat();
            beatDue = w.heartbeatInstant().plusSeconds(w.heartbeatSeconds());
        }
        if (now.isBefore(beatDue)) return;
        RunManifest renewed = manifest.beat(now);
        requireStillOurs();
        AtomicFiles.write(dir.resolve(RunFiles.MANIFEST), renewed.toJson());
        manifest = renewed;
    }

    /** For tests: the heartbeat as if last renewed at {@code at} (in memory only; the next renewal writes it). */
    synchronized void backdateHeartbeat(Instant at) {
        manifest = manifest.beat(at);
    }

    /**
     * Appends and commits one checkpoint. Refuses (IllegalArgumentException, nothing written)
     * a step not after the previous one, arrays of the wrong length, a test-prediction
     * array where the run has none or the reverse, any non-finite array value or infinite
     * metric (NaN metrics mean "not measured"), and prediction rows that are not distributions.
     *
     * @throws IOException after which the folder still holds every earlier checkpoint, but this
     *                     writer refuses further appends (finish still works)
     */
    public synchronized void append(Checkpoint checkpoint) throws IOException {
        if (closed || finished) throw new IllegalStateException("run writer for " + dir + " is " + (finished ? "finished" : "closed"));
        if (failure != null) throw new IllegalStateException("an earlier append to " + dir + " failed", failure);
        validate(checkpoint);
        long step = checkpoint.step();
        try {
            requireStillOurs();
            if (checkpoint.parameters() != null) ParameterSnapshots.write(dir, step, checkpoint.parameters());
            predictions.appendFloats(checkpoint.probePredictions());
            if (testPredictions != null) testPredictions.appendFloats(checkpoint.testPredictions());
            if (imprinted != null) {
                imprinted.probe().appendFloats(checkpoint.imprintedPredictions());
                if (imprinted.test() != null) imprinted.test().appendFloats(checkpoint.imprintedTestPredictions());
            }
            ByteBuffer line = utf8(MetricsCsv.line(checkpoint.metrics()));
            int lineBytes = line.remaining();
            ChannelIo.writeFully(metrics, line, metricsEnd);
            metrics.force(false);
            steps.appendLong(step); // the commit
            metricsEnd += lineBytes;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            throw e;
        }
        lastStep = step;
        count++;
    }

    private void validate(Checkpoint c) {
        Objects.requireNonNull(c, "checkpoint");
        long step = c.step();
        String at = "checkpoint at step " + step + ": ";
        if (count > 0 && step <= lastStep) {
            throw new IllegalArgumentException(at + "steps must increase strictly; the previous step was " + lastStep);
        }
        requireLength(c.probePredictions(), (long) probeSize * classes, at + "probe predictions");
        if (testSize < 0 && c.testPredictions() != null) {
            throw new IllegalArgumentException(at + "test predictions given, but the run was created without test labels");
        }
        if (testSize >= 0) requireLength(c.testPredictions(), (long) testSize * classes, at + "test predictions");
        requireFinite(c.probePredictions(), at + "probe predictions");
        requireFinite(c.testPredictions(), at + "test predictions");
        requireFinite(c.parameters(), at + "parameters");
        String metricsProblem = c.metrics().problem();
        if (metricsProblem != null) throw new IllegalArgumentException(at + "metrics: " + metricsProblem + "; nothing written");
        requireDistributions(c.probePredictions(), at + "probe predictions");
        requireDistributions(c.testPredictions(), at + "test predictions");
        validateImprinted(c, at);
    }

    private void validateImprinted(Checkpoint c, String at) {
        if (imprinted == null) {
            if (c.imprintedPredictions() != null || c.imprintedTestPredictions() != null) {
                throw new IllegalArgumentException(at + "imprinted predictions given, but the run was created without an imprinted probe");
            }
            return;
        }
        requireLength(c.imprintedPredictions(), (long) imprinted.size() * imprinted.classes(), at + "imprinted predictions");
        if (imprinted.test() == null && c.imprintedTestPredictions() != null) {
            throw new IllegalArgumentException(at + "imprinted test predictions given, but the run was created without them");
        }
        if (imprinted.test() != null) {
            requireLength(c.imprintedTestPredictions(), (long) imprinted.testSize() * imprinted.classes(),
                    at + "imprinted test predictions");
        }
        requireFinite(c.imprintedPredictions(), at + "imprinted predictions");
        requireFinite(c.imprintedTestPredictions(), at + "imprinted test predictions");
        requireDistributions(c.imprintedPredictions(), imprinted.classes(), at + "imprinted predictions");
        requireDistributions(c.imprintedTestPredictions(), imprinted.classes(), at + "imprinted test predictions");
    }

    private static void requireLength(float[] values, long expected, String what) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(what + " have " + (values == null ? "no" : values.length)
                    + " values, expected " + expected);
        }
    }

    private static void requireFinite(float[] values, String what) {
        int i = values == null ? -1 : ProbabilityRows.firstNonFinite(values);
        if (i >= 0) throw new IllegalArgumentException(what + " value " + i + " is " + values[i] + "; nothing written");
    }

    private void requireDistributions(float[] values, String what) {
        requireDistributions(values, classes, what);
    }

    private static void requireDistributions(float[] values, int classes, String what) {
        String problem = values == null ? null : ProbabilityRows.firstProblem(values, classes);
        if (problem != null) throw new IllegalArgumentException(what + ": " + problem + "; nothing written");
    }

    private static void requireLabelsInRange(int[] labels, int classes, String which) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(which + " label " + labels[i] + " at index " + i + " is outside [0, " + classes + ")");
            }
        }
    }

    /**
     * Records how the run ended (atomically replacing run.json) and closes the files.
     *
     * @param status  finished, cancelled, diverged or failed
     * @param summary final metrics, JSON-writable; may be null
     */
    public synchronized void finish(RunStatus status, Map<String, Object> summary) throws IOException {
        if (status == RunStatus.RUNNING) throw new IllegalArgumentException("finish needs a final status, not running");
        if (finished) throw new IllegalStateException("run " + dir + " is already finished");
        RunManifest last = manifest.finish(status, summary, Instant.now());
        close(); // forces every array before run.json says the run is over
        requireStillOurs();
        AtomicFiles.write(dir.resolve(RunFiles.MANIFEST), last.toJson());
        manifest = last;
        finished = true;
    }

    /** Committed checkpoints so far. */
    public synchronized int checkpointCount() { return count; }

    public Path dir() { return dir; }

    /**
     * Closes the files. Without {@link #finish} the run stays "running" on disk, which readers
     * report as interrupted: right for a training loop that ended by an exception.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        OPEN_HERE.remove(openKey, this);
        IOException first = null;
        for (AutoCloseable c : new AutoCloseable[]{predictions, testPredictions, metrics, steps,
                imprinted == null ? null : imprinted.probe(), imprinted == null ? null : imprinted.test()}) {
            try {
                if (c != null) c.close();
            } catch (Exception e) {
                if (first == null) first = e instanceof IOException io ? io : new IOException(e);
            }
        }
        if (first != null) throw first;
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void closeQuietly(Exception primary, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            try {
                if (r != null) r.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }
}
