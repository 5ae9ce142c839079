package org.predspace.runs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a run folder that another process is still writing, read as it grows: each
 * {@link #poll} reads what was committed since the last one (docs/run-format.md, the commit
 * protocol): the new steps and only their rows of the prediction arrays, and run.json when it
 * was replaced. A poll first compares the sizes and modification times of steps.npy and run.json
 * with the last ones (one stat each), so polling an idle run every second costs two stats,
 * also on a network file system.
 *
 * <p>Not thread-safe: one follower polls it.
 */
public final class RunTail {
    private final Path dir;
    private final RunManifest first;
    private final int probeSize;
    private final int testSize;
    private final int[] imprintedLabels;
    private final MetricsTail metrics;
    private RunManifest manifest;
    private long[] steps;
    private Stamp stepsStamp;
    private Stamp manifestStamp;
    /** Whether the last read of steps.npy found bytes past its declared data: an append whose header is not yet written. */
    private boolean uncommittedTail;

    /**
     * One committed checkpoint as read by a poll.
     *
     * @param testPredictions      null when the run has no held-out probe
     * @param imprintedPredictions null when the run records no imprinted predictions
     * @param imprintedScore       loss and accuracy of the imprinted rows on the shared probe, or null
     */
    public record Committed(int index, CheckpointMetrics metrics, float[] predictions, float[] testPredictions,
                            float[] imprintedPredictions, ProbeScore imprintedScore) {
        public long step() { return metrics.step(); }
    }

    /**
     * What a poll found.
     *
     * @param manifest the new run.json when it was replaced since the last poll (its status may have changed), else null
     */
    public record Change(List<Committed> checkpoints, RunManifest manifest) {
        public boolean isEmpty() { return checkpoints.isEmpty() && manifest == null; }
    }

    private RunTail(Run run, int known) {
        this.dir = run.dir();
        this.first = run.manifest();
        this.manifest = first;
        this.probeSize = run.labels().length;
        this.testSize = run.hasTestSet() ? run.testLabels().length : -1;
        this.imprintedLabels = imprintedLabels(run);
        this.steps = Arrays.copyOf(run.steps(), known);
        this.metrics = new MetricsTail(dir.resolve(RunFiles.METRICS));
    }

    /**
     * Follows {@code run} from its first {@code known} checkpoints on: the next poll returns
     * every checkpoint committed after those (with {@code known = run.checkpointCount()}, only
     * those committed since it was opened).
     */
    public static RunTail after(Run run, int known) throws RunFormatException {
        if (known < 0 || known > run.checkpointCount()) {
            throw new IllegalArgumentException(known + " known checkpoints of " + run.checkpointCount());
        }
        return new RunTail(run, known);
    }

    private static int[] imprintedLabels(Run run) {
        if (!run.hasImprinted()) return null;
        try {
            return run.imprinted().labels();
        } catch (RunFormatException e) {
            return null;   // the run is drawn without them (the session says so when it admits the run)
        }
    }

    public Path dir() { return dir; }

    /** run.json as last read. */
    public RunManifest manifest() { return manifest; }

    /** Checkpoints returned so far, including the known ones it started after. */
    public int checkpointCount() { return steps.length; }

    /**
     * Reads what was committed since the last poll. run.json is read before steps.npy: a writer
     * replaces run.json with its final status only after its last commit, so a poll that sees
     * the final status also sees every checkpoint.
     *
     * @throws RunFormatException a file is damaged, or the run was rewritten from its start (its
     *                            steps no longer begin with the ones already read, or run.json now
     *                            names another run or probe): follow it no further
     */
    public Change poll() throws RunFormatException {
        RunManifest replaced = null;
        Stamp m = Stamp.of(dir.resolve(RunFiles.MANIFEST));
        if (!m.equals(manifestStamp)) {
            RunManifest read = RunManifest.read(dir.resolve(RunFiles.MANIFEST));
            requireSameRun(read);
            manifestStamp = m;
            if (!read.equals(manifest)) replaced = read;
            manifest = read;
        }
        Path stepsFile = dir.resolve(RunFiles.STEPS);
        Stamp s = Stamp.of(stepsFile);
        if (s.equals(stepsStamp) && !uncommittedTail) return new Change(List.of(), replaced);
        long[] all = readSteps(stepsFile);
        stepsStamp = s;
        if (all.length == steps.length) return new Change(List.of(), replaced);
        List<Committed> added = readCheckpoints(all);
        steps = all;
        return new Change(added, replaced);
    }

    /** The committed steps: the old ones unchanged, then strictly increasing new ones. */
    private long[] readSteps(Path file) throws RunFormatException {
        try (FileChannel ch = Npy.openForRead(file)) {
            long size = ch.size();
            Npy.Header h = Npy.readHeader(ch, file);
            if (h.ndim() != 1 || !h.dtype().isInteger()) {
                throw new RunFormatException(file + ": expected a 1-D integer array, found " + h.dtype().numpyName()
                        + " of shape " + h.shapeString());
            }
            uncommittedTail = size > h.dataOffset() + h.dataBytes();
            long count = h.shape()[0];
            if (count < steps.length) {
                throw new RunFormatException(file + ": now commits " + count + " checkpoints after " + steps.length
                        + " were read; the run was rewritten from its start (reopen it to see the new one)");
            }
            if (count > Run.MAX_CHECKPOINTS) {
                throw new RunFormatException(file + ": " + count + " elements exceed the limit of " + Run.MAX_CHECKPOINTS);
            }
            long[] all = Arrays.copyOf(steps, (int) count);
            if (count == steps.length) return all;
            // the known steps are re-read too (8 bytes each): a run rewritten in place must not pass for a longer one
            long[] read = new long[(int) count];
            Npy.readLongs(ch, h, 0, read, file);
            for (int t = 0; t < steps.length; t++) {
                if (read[t] != steps[t]) {
                    throw new RunFormatException(file + ": step " + read[t] + " at index " + t + " was " + steps[t]
                            + " when read before; the run was rewritten from its start (reopen it to see the new one)");
                }
            }
            for (int t = Math.max(1, steps.length); t < read.length; t++) {
                if (read[t] <= read[t - 1]) {
                    throw new RunFormatException(file + ": steps must increase strictly, but step " + read[t]
                            + " at index " + t + " follows " + read[t - 1]);
                }
            }
            return read;
        } catch (IOException e) {
            throw Npy.unreadable(file, e);
        }
    }

    /** The rows of checkpoints steps.length .. all.length - 1 of every array, and their metrics lines. */
    private List<Committed> readCheckpoints(long[] all) throws RunFormatException {
        int from = steps.length;
        int classes = first.classes();
        PredictionArray probe = PredictionArray.open(dir.resolve(RunFiles.PREDICTIONS), all.length, probeSize, classes,
                RunFiles.LABELS);
        PredictionArray test = testSize < 0 ? null : PredictionArray.open(dir.resolve(RunFiles.TEST_PREDICTIONS),
                all.length, testSize, classes, RunFiles.TEST_LABELS);
        PredictionArray imprinted = null;
        int imprintedClasses = 0;
        if (imprintedLabels != null) {
            imprintedClasses = first.imprint().classes();
            imprinted = PredictionArray.open(dir.resolve(RunFiles.IMPRINTED_DIR).resolve(RunFiles.PREDICTIONS), all.length,
                    imprintedLabels.length, imprintedClasses, RunFiles.LABELS);
        }
        // only the lines appended since the last poll: the cost does not grow with the run's length
        Map<Long, CheckpointMetrics> lines = new HashMap<>();
        for (CheckpointMetrics line : metrics.readNew(all)) lines.put(line.step(), line);
        List<Committed> out = new ArrayList<>(all.length - from);
        for (int t = from; t < all.length; t++) {
            CheckpointMetrics metrics = lines.getOrDefault(all[t],
                    new CheckpointMetrics(all[t], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            float[] imprintedRows = imprinted == null ? null : imprinted.read(t);
            out.add(new Committed(t, metrics, probe.read(t), test == null ? null : test.read(t), imprintedRows,
                    imprintedRows == null ? null : ProbeScore.of(imprintedRows, imprintedLabels, imprintedClasses)));
        }
        return out;
    }

    /** A run.json that names another run or probe belongs to a new run written into the same folder. */
    private void requireSameRun(RunManifest read) throws RunFormatException {
        boolean same = read.name().equals(first.name()) && read.classes() == first.classes()
                && read.probe().equals(first.probe()) && Objects.equals(read.imprint(), first.imprint());
        if (!same) {
            throw new RunFormatException(dir.resolve(RunFiles.MANIFEST) + ": now describes run " + read.name() + " on probe "
                    + read.probe().id() + " instead of " + first.name() + " on " + first.probe().id()
                    + "; the folder was rewritten (reopen it to see the new run)");
        }
    }

    /**
     * Size, modification time and file identity: a header rewritten in place changes the time, an
     * append the size, a replacement by rename the identity (inode where the file system has one).
     */
    private record Stamp(long size, Instant modified, Object key) {
        static Stamp of(Path file) throws RunFormatException {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.size(), a.lastModifiedTime().toInstant(), a.fileKey());
            } catch (IOException e) {
                throw Npy.unreadable(file, e);
            }
        }
    }
}
