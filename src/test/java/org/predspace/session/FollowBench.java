package org.predspace.session;

import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.platform.NativeLibraries;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunTail;
import org.predspace.runs.RunWriter;
import org.predspace.training.TrainingEvent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * bench/follow-bench.sh: what the explorer pays per checkpoint of a followed run (another
 * process wrote and committed it: {@link RunTail#poll} reads its rows, then
 * {@link ExplorerSession#followed} adds it), against a checkpoint of a run trained in the app
 * ({@link ExplorerSession#onEvent} with the checkpoint in memory), in one session whose pictures
 * hold the same m points for both: the two alternate, one checkpoint each per round. Also the
 * poll of a followed run with nothing new (two stats). Wall and thread CPU time, medians. The
 * distance rows are computed on the adding thread (serial parallelism), so its CPU time is the
 * whole of a checkpoint's cost but the eigendecompositions, which run on the refresh thread for
 * both alike.
 *
 * <p>Arguments: N C base-checkpoints rounds (default 1000 10 400 40).
 */
public final class FollowBench {
    static {
        NativeLibraries.prepare();
    }

    private FollowBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int base = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        Path tmp = Files.createTempDirectory("follow-bench");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % c;
        ProbeInfo probe = new ProbeInfo("bench-probe", n, "train");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

        // the picture before: base checkpoints of 20 runs, opened as one job
        List<Path> opened = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            Path dir = tmp.resolve("base-" + r);
            try (RunWriter w = RunWriter.create(dir, "base-" + r, c, probe, Map.of(), labels, labels)) {
                for (int k = 0; k < base / 20; k++) w.append(checkpoint(k, r, n, c));
                w.finish(RunStatus.FINISHED, Map.of());
            }
            opened.add(dir);
        }
        try (ExplorerSession session = new ExplorerSession(LiveEmbedding.Settings.defaults()
                .withParallelism(Parallelism.serial()), 1)) {
            session.openAll(opened, (done, message) -> {});

            // the run trained in the app: its checkpoints arrive as events, predictions in memory
            session.onEvent(new TrainingEvent.Started("in-app", tmp.resolve("in-app"), null, probe.id(), 1000, rounds, c, labels,
                    probe.id() + "/test", labels, null, null));
            // the followed run: another writer commits each checkpoint to disk first
            Path followedDir = tmp.resolve("followed");
            RunWriter writer = RunWriter.create(followedDir, "followed", c, probe, Map.of(), labels, labels);
            RunTail tail = session.startFollowing(followedDir);

            long[][] inApp = new long[2][rounds];
            long[][] followed = new long[2][rounds];
            long[][] idle = new long[2][rounds];
            for (int k = 0; k < rounds; k++) {
                Checkpoint cp = checkpoint(k, 100, n, c);
                long w0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                session.onEvent(new TrainingEvent.CheckpointSaved("in-app", k, rounds, cp.metrics(), cp.probePredictions(),
                        cp.testPredictions(), null));
                inApp[0][k] = System.nanoTime() - w0;
                inApp[1][k] = cpu.getCurrentThreadCpuTime() - c0;

                writer.append(checkpoint(k, 200, n, c));   // the other process's work, not timed
                w0 = System.nanoTime();
                c0 = cpu.getCurrentThreadCpuTime();
                RunTail.Change change = tail.poll();
                session.followed(tail, change);
                followed[0][k] = System.nanoTime() - w0;
                followed[1][k] = cpu.getCurrentThreadCpuTime() - c0;
                if (change.checkpoints().size() != 1) throw new IllegalStateException("poll found " + change.checkpoints().size());

                w0 = System.nanoTime();
                c0 = cpu.getCurrentThreadCpuTime();
                session.followed(tail, tail.poll());
                idle[0][k] = System.nanoTime() - w0;
                idle[1][k] = cpu.getCurrentThreadCpuTime() - c0;
            }
            writer.close();
            // polls of an idle run, as a follower makes once a second for every run it follows (compiled by now)
            long[][] idleWarm = new long[2][2000];
            for (int k = 0; k < 3000; k++) {
                long w0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                session.followed(tail, tail.poll());
                if (k >= 1000) {
                    idleWarm[0][k - 1000] = System.nanoTime() - w0;
                    idleWarm[1][k - 1000] = cpu.getCurrentThreadCpuTime() - c0;
                }
            }
            int m = session.picture(ExplorerSession.Probe.TRAINING).frame().points().size();
            System.out.printf(Locale.ROOT, "N=%d C=%d m=%d..%d (training and held-out pictures) rounds=%d%n", n, c, m - 2 * rounds, m, rounds);
            System.out.printf(Locale.ROOT, "in-app checkpoint:   wall %.2f ms, cpu %.2f ms (median)%n", ms(inApp[0]), ms(inApp[1]));
            System.out.printf(Locale.ROOT, "followed checkpoint: wall %.2f ms, cpu %.2f ms (median; read from disk and added)%n",
                    ms(followed[0]), ms(followed[1]));
            System.out.printf(Locale.ROOT, "ratio followed/in-app: wall %.2f, cpu %.2f%n", ms(followed[0]) / ms(inApp[0]),
                    ms(followed[1]) / ms(inApp[1]));
            System.out.printf(Locale.ROOT, "idle poll of a followed run: wall %.3f ms, cpu %.3f ms (median of the rounds; "
                    + "after 1000 polls: wall %.3f ms, cpu %.3f ms)%n", ms(idle[0]), ms(idle[1]), ms(idleWarm[0]), ms(idleWarm[1]));
            Run check = Run.open(followedDir);
            if (check.checkpointCount() != rounds) throw new IllegalStateException("followed run has " + check.checkpointCount());
        }
    }

    private static double ms(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    /** Random softmax rows (distinct per run and checkpoint) on the probe and the held-out probe. */
    private static Checkpoint checkpoint(int k, int run, int n, int c) {
        return new Checkpoint(new CheckpointMetrics(10L * k, k, 1, 0.5, 1, 0.5), rows(k, run, n, c, 1), rows(k, run, n, c, 2), null);
    }

    private static float[] rows(int k, int run, int n, int c, int which) {
        SplittableRandom r = new SplittableRandom(((long) run * 100_003 + k) * 7 + which);
        float[] p = new float[n * c];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] e = new double[c];
            for (int j = 0; j < c; j++) sum += e[j] = Math.exp(2 * r.nextGaussian() + (j == i % c ? 0.05 * k : 0));
            for (int j = 0; j < c; j++) p[i * c + j] = (float) (e[j] / sum);
        }
        return p;
    }
}
