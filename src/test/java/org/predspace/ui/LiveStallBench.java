package org.predspace.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SubScene;
import javafx.stage.Stage;
import org.predspace.data.DatasetCatalog;
import org.predspace.platform.BackgroundPriority;
import org.predspace.runs.RunFolders;
import org.predspace.session.ExplorerSession;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.platform.GlxDrawablePin;
import org.predspace.ui.view3d.PredictionView;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The longest JavaFX-thread stall while the user rotates the picture: the full main window,
 * rotated a little every pulse, first idle on nothing (the peer), then while two runs train
 * in the engine's pool and their checkpoints flow into the live picture. A stall is the gap
 * between two pulses. Run by bench/stall-bench.sh under Xvfb.
 */
public final class LiveStallBench extends Application {
    static final double IDLE_SECONDS = 8;

    public static final class Launcher {
        public static void main(String[] args) { Application.launch(LiveStallBench.class, args); }
    }

    private final List<Long> idle = new ArrayList<>();
    private final List<Long> live = new ArrayList<>();
    private long worst;
    private volatile long lastPulse = System.nanoTime();

    /** With -Dbench.watchdog=true: prints what the JavaFX thread is doing when a pulse is 80 ms (-Dbench.watchdogMs) late. */
    private static final long WATCHDOG_NS = Long.getLong("bench.watchdogMs", 80) * 1_000_000L;
    private void startWatchdog(Thread fx) {
        Thread w = new Thread(() -> {
            long reported = 0;
            while (true) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                long late = System.nanoTime() - lastPulse;
                if (late > WATCHDOG_NS && lastPulse != reported) {
                    reported = lastPulse;
                    StringBuilder b = new StringBuilder("FX thread " + late / 1_000_000 + " ms since the last pulse:\n");
                    for (StackTraceElement e : fx.getStackTrace()) b.append("    at ").append(e).append('\n');
                    Thread.getAllStackTraces().forEach((t, stack) -> {
                        if (!t.getName().startsWith("QuantumRenderer")) return;
                        b.append("  renderer:\n");
                        for (int i = 0; i < Math.min(25, stack.length); i++) b.append("    at ").append(stack[i]).append('\n');
                    });
                    System.err.print(b);
                }
            }
        }, "stall-watchdog");
        w.setDaemon(true);
        w.start();
    }
    /**
     * With -Dbench.threads=true: every 50 ms reads each thread's CPU time from /proc, and when a
     * pulse is late (150 ms, or -Dbench.lateMs) prints which threads (of this JVM) used the CPU in the last 300 ms,
     * so a stall can be blamed on training, JIT compilers, GC or the renderer.
     */
    private static final long LATE_NS = Long.getLong("bench.lateMs", 150) * 1_000_000L;

    private void startThreadSampler() {
        Thread w = new Thread(() -> {
            ArrayDeque<Map<String, Long>> history = new ArrayDeque<>();
            long reported = 0;
            while (true) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                history.addLast(threadTicks());
                if (history.size() > 7) history.removeFirst();
                long late = System.nanoTime() - lastPulse;
                if (late > LATE_NS && lastPulse != reported && history.size() == 7) {
                    reported = lastPulse;
                    Map<String, Long> now = history.getLast(), then = history.getFirst();
                    StringBuilder b = new StringBuilder("late pulse (" + late / 1_000_000 + " ms); CPU ms by thread in the last 300 ms:");
                    now.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - then.getOrDefault(e.getKey(), 0L)))
                            .filter(e -> e.getValue() > 0).sorted((a, c) -> Long.compare(c.getValue(), a.getValue())).limit(8)
                            .forEach(e -> b.append(String.format(Locale.ROOT, " [%s %d]", e.getKey(), e.getValue() * 10)));
                    System.err.println(b);
                }
            }
        }, "stall-thread-sampler");
        w.setDaemon(true);
        w.start();
    }

    /** utime + stime in clock ticks (10 ms) per thread, keyed by "name/tid". */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> out = new HashMap<>();
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) return out;
        for (File t : tasks) {
            try {
                String stat = Files.readString(t.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(name + "/" + t.getName(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
            } catch (IOException | RuntimeException ignored) {
                // the thread ended between listing and reading
            }
        }
        return out;
    }

    /**
     * With -Dbench.fxSampleMs=N: samples the JavaFX thread's stack every half millisecond for N ms
     * from the moment training starts, and prints where its time went, grouped twice: by the
     * innermost PredSpace frame (our code, or what our code called), and by the outermost
     * JavaFX phase under the pulse (CSS, layout, a handler). Sampling pauses the thread briefly
     * (a handshake), so it inflates stalls a little; for finding causes, not for figures.
     */
    private void sampleFxThread(Thread fx, long ms) {
        Thread w = new Thread(() -> {
            Map<String, Integer> ours = new HashMap<>(), phases = new HashMap<>(),
                    layouts = new HashMap<>();
            int samples = 0, waiting = 0;
            long end = System.nanoTime() + ms * 1_000_000L;
            while (System.nanoTime() < end) {
                StackTraceElement[] st = fx.getStackTrace();
                samples++;
                if (st.length > 0 && (st[0].isNativeMethod() || st[0].getMethodName().equals("park"))) {
                    waiting++;
                } else {
                    String phase = phaseOf(st);
                    ours.merge(innermostOurs(st), 1, Integer::sum);
                    phases.merge(phase, 1, Integer::sum);
                    if (phase.equals("Scene.doLayoutPass")) countLayout(st, layouts);
                }
                LockSupport.parkNanos(500_000);
            }
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "FX thread, %d samples in %d ms after training started (%d waiting or native):%n", samples, ms, waiting));
            appendTop(b, "by PredSpace frame", ours, 15);
            appendTop(b, "by phase", phases, 10);
            appendTop(b, "layout, by the innermost skin, chart or PredSpace class", layouts, 30);
            System.err.print(b);
        }, "fx-sampler");
        w.setDaemon(true);
        w.start();
    }

    /** The innermost PredSpace frame: our code, or what our code called. */
    private static String innermostOurs(StackTraceElement[] st) {
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("org.predspace")) return e.getClassName() + "." + e.getMethodName();
        }
        return "(no PredSpace frame)";
    }

    /** The outermost phase under the pulse: CSS, layout, syncing, an animation or an event handler. */
    private static String phaseOf(StackTraceElement[] st) {
        for (int i = st.length - 1; i >= 0; i--) {
            String c = st[i].getClassName(), m = st[i].getMethodName();
            if (c.startsWith("org.predspace") || m.equals("doCSSPass") || m.equals("doLayoutPass")
                    || m.equals("synchronizeSceneNodes") || c.contains("AnimationTimer") || m.equals("dispatchEvent")) {
                return shortName(st[i]);
            }
        }
        return "(other)";
    }

    /** Which control a layout sample was in: the innermost skin, chart or PredSpace class (with -Dbench.fxSampleDetail, the stack inside a cell's re-indexing too). */
    private static void countLayout(StackTraceElement[] st, Map<String, Integer> layouts) {
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            if (!(c.contains("Skin") || c.startsWith("org.predspace") || c.contains("Chart") || c.contains("VirtualFlow"))
                    || c.contains("SkinBase") || c.contains("Behavior")) continue;
            layouts.merge(shortName(e), 1, Integer::sum);
            if (e.getMethodName().equals("setCellIndex") && Boolean.getBoolean("bench.fxSampleDetail")) {
                StringBuilder top = new StringBuilder("  ");
                for (int k = 0; k < Math.min(7, st.length); k++) top.append(shortName(st[k])).append(" < ");
                layouts.merge(top.toString(), 1, Integer::sum);
            }
            return;
        }
    }

    private static String shortName(StackTraceElement e) {
        String c = e.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName();
    }

    private static void appendTop(StringBuilder b, String title, Map<String, Integer> counts, int n) {
        b.append("  ").append(title).append(":\n");
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(n)
                .forEach(e -> b.append(String.format(Locale.ROOT, "    %4d %s%n", e.getValue(), e.getKey())));
    }

    private static final ThreadMXBean FX_CPU = ManagementFactory.getThreadMXBean();
    /** CPU time the JavaFX thread itself used within the longest gap: the rest it waited (for the renderer, or the CPU). */
    private long worstCpu;
    /** Gaps over 90 ms (or -Dbench.gapMs), idle or training, with the JVM uptime they ended at (to line up with -Xlog:gc). */
    private static final long LONG_GAP_NS = Long.getLong("bench.gapMs", 90) * 1_000_000L;
    private final List<String> longGaps = new ArrayList<>();
    private double worstAt;
    private long idleWorst;
    private double idleWorstAt;
    private ExplorerModel model;
    private Stage stage;
    /** Which frames reached the X screen, and the phases' bounds (System.nanoTime). */
    private ScreenFrames screen;
    private long idleFrom, trainingFrom, trainingTo;

    @Override
    public void start(Stage stage) throws Exception {
        this.stage = stage;
        NativeBackend.configure();
        // as the app does (PredSpaceApp); -Dbench.jitNice=false is the peer
        if (!"false".equals(System.getProperty("bench.jitNice"))) {
            System.out.println("JIT compiler and concurrent GC threads lowered: " + BackgroundPriority.lowerCompilersAndConcurrentGc());
        }
        // the lecture case trains on the sample runs' data, so its runs join their picture
        String dataset = getParameters().getRaw().isEmpty()
                ? (System.getProperty("bench.openFirst") != null ? "fashion" : "mnist") : getParameters().getRaw().get(0);
        Path out = Files.createTempDirectory("predspace-stall");
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), out);
        PredictionView view;
        if (Boolean.getBoolean("bench.viewOnly")) {
            view = new PredictionView(model);
            stage.setScene(new Scene(view, 1000, 800));
        } else {
            MainWindow window = ExplorerWindows.build(stage, model);
            view = window.view();
            // -Dbench.tab=Details: another panel in front (which panel costs what while training)
            String tab = System.getProperty("bench.tab");
            if (tab != null) window.panels().getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst()
                    .ifPresent(t -> window.panels().getSelectionModel().select(t));
        }
        ScreenFrames screen = new ScreenFrames(view);
        this.screen = screen;
        stage.show();
        long shownAt = System.nanoTime();
        // -Dbench.notice=true: as the app starts with no sample runs, a notification (a popup window) over the window
        if (Boolean.getBoolean("bench.notice")) model.reportProblem("No run in the sample folder (the stall bench's notice)");
        // -Dbench.openFirst=sample-runs: the lecture case, the app showing the sample runs when
        // a training starts (the trainings then use the samples' 200-sample probe, to join them)
        String openFirst = System.getProperty("bench.openFirst");
        int opened = openFirst == null ? 0 : RunFolders.find(Path.of(openFirst)).size();
        if (openFirst != null) model.openFolders(List.of(Path.of(openFirst)));
        Thread fx = Thread.currentThread();
        if (Boolean.getBoolean("bench.watchdog")) startWatchdog(fx);
        if (Boolean.getBoolean("bench.threads")) startThreadSampler();
        new AnimationTimer() {
            long last, lastCpu;
            boolean training, watching;
            long trainingStart;
            /** The idle clock starts once the runs opened first are all in one exact picture. */
            long start;

            @Override
            public void handle(long now) {
                if (!Boolean.getBoolean("bench.still")) view.rotateBy(0.6);
                long t = System.nanoTime();
                long cpu = FX_CPU.getCurrentThreadCpuTime();
                lastPulse = t;
                screen.stamp(t);
                if (!watching) {
                    screen.watch();
                    watching = true;
                }
                if (start == 0) {
                    var f = model.picture().frame();
                    boolean loaded = opened == 0 || (model.runs().size() == opened && f.size() > 2
                            && f.embedding().exactPoints() == f.size());
                    if (!loaded) return;
                    start = t;
                    if (opened > 0) System.out.printf(Locale.ROOT, "%d runs opened and in one exact picture %.1f s after the window was shown%n", opened, (t - shownAt) / 1e9);
                }
                double elapsed = (t - start) / 1e9;
                if (last != 0 && elapsed > 1) {
                    (training ? live : idle).add(t - last);
                    if (!training && t - last > idleWorst) {
                        idleWorst = t - last;
                        idleWorstAt = elapsed;
                    }
                    if (t - last > LONG_GAP_NS) {
                        longGaps.add(String.format(Locale.ROOT, "%s %.0f ms ending at JVM uptime %.3f s (JavaFX thread on the CPU %.0f ms)",
                                training ? "training" : "idle", (t - last) / 1e6, ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, (cpu - lastCpu) / 1e6));
                    }
                    if (training && t - last > worst) {
                        worst = t - last;
                        worstCpu = cpu - lastCpu;
                        worstAt = (t - trainingStart) / 1e9;
                    }
                }
                last = t;
                lastCpu = cpu;
                if (!training && elapsed > IDLE_SECONDS) {
                    training = true;
                    if (Boolean.getBoolean("bench.nodes")) countNodes(stage.getScene().getRoot());
                    long sampleMs = Long.getLong("bench.fxSampleMs", 0);
                    if (sampleMs > 0) sampleFxThread(Thread.currentThread(), sampleMs);
                    trainingStart = System.nanoTime();
                    System.err.println("BENCH: training starts");   // a mark in -Djavafx.pulseLogger output
                    List<TrainingSpec> built = specs(dataset);
                    System.err.printf(Locale.ROOT, "BENCH: specs built after %.1f ms%n", (System.nanoTime() - trainingStart) / 1e6);
                    model.train(built);
                    System.err.printf(Locale.ROOT, "BENCH: train() returned after %.1f ms%n", (System.nanoTime() - trainingStart) / 1e6);
                }
                if (training && model.runs().size() > opened && model.runs().stream().allMatch(r -> r.state().phase().ended())) {
                    stop();
                    idleFrom = start + 1_000_000_000L;   // as the pulse gaps: the idle phase's first second is left out
                    trainingFrom = trainingStart;
                    trainingTo = t;
                    report();
                    Platform.exit();
                }
            }
        }.start();
    }

    /** The training subset of the sample runs (cli.SamplesCommand.TRAIN_SIZE). */
    static final int SAMPLES_TRAIN_SIZE = 1000;

    static List<TrainingSpec> specs(String dataset) {
        List<TrainingSpec> specs = new ArrayList<>();
        for (OptimizerKind o : List.of(OptimizerKind.SGD, OptimizerKind.ADAM)) {
            specs.add(TrainingSpec.builder(dataset).architecture(Architecture.MLP).optimizer(o)
                    .learningRate(o == OptimizerKind.SGD ? 0.05 : 0.001).batchSize(64).epochs(2).width(128)
                    .checkpoints(60).snapshots(SnapshotPolicy.SPARSE).seed(1)
                    .probeSize(System.getProperty("bench.openFirst") != null ? 200 : TrainingSpec.builder(dataset).build().probeSize())
                    // as cli.SamplesCommand: the samples' training subset, so the probe (and its id) is theirs
                    .trainSizeLimit(System.getProperty("bench.openFirst") != null ? SAMPLES_TRAIN_SIZE : 0)
                    .name(dataset + "-stall-" + o.id()).build());
        }
        return specs;
    }

    /** With -Dbench.nodes=true: how many nodes the window has, by class (each pulse walks them all for bounds). */
    private static void countNodes(Parent root) {
        Map<String, Integer> byClass = new TreeMap<>();
        ArrayDeque<Node> todo = new ArrayDeque<>(List.of(root));
        int total = 0;
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            total++;
            byClass.merge(n.getClass().getSimpleName(), 1, Integer::sum);
            if (n.getEffect() != null && n.isVisible()) System.out.println("  effect " + n.getEffect().getClass().getSimpleName() + " on " + n.getClass().getSimpleName() + " " + n.getStyleClass());
            if (n instanceof Parent p) todo.addAll(p.getChildrenUnmodifiable());
            if (n instanceof SubScene s) todo.add(s.getRoot());
        }
        System.out.println("nodes " + total);
        byClass.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                .forEach(e -> System.out.println("  " + e.getValue() + " " + e.getKey()));
    }

    private void report() {
        if (Boolean.getBoolean("bench.nodes")) countNodes(stage.getScene().getRoot());
        int points = model.picture().frame().size();
        System.out.println("window drawable kept between frames: " + GlxDrawablePin.state() + " (" + GlxDrawablePin.renderer() + ")");
        System.out.println(line("idle", idle) + String.format(Locale.ROOT, " (peer: nothing training; longest %.1f s into it)", idleWorstAt));
        System.out.println(line("training", live) + String.format(Locale.ROOT, " checkpoints_drawn=%d", points - 2));
        System.out.println(screen.line("idle", idleFrom, trainingFrom));
        System.out.println(screen.line("training", trainingFrom, trainingTo));
        screen.stop();
        double ratio = max(live) / max(idle);
        System.out.printf(Locale.ROOT, "longest stall while two runs train: %.0f ms, %.1f s after they started, the JavaFX thread on the CPU for %.0f ms of it (idle %.0f ms, ratio %.2f)%n",
                max(live) / 1e6, worstAt, worstCpu / 1e6, max(idle) / 1e6, ratio);
        if (Boolean.getBoolean("bench.longGaps")) longGaps.forEach(g -> System.out.println("  gap " + g));
        model.shutdown();
    }

    static double max(List<Long> gaps) { return gaps.stream().mapToLong(Long::longValue).max().orElse(0); }

    static String line(String what, List<Long> gaps) {
        double[] ms = gaps.stream().mapToDouble(g -> g / 1e6).sorted().toArray();
        if (ms.length == 0) return what + " frames=0";
        long over = Arrays.stream(ms).filter(v -> v > 100).count();
        return String.format(Locale.ROOT, "%s frames=%d median_ms=%.1f p99_ms=%.1f max_ms=%.1f over_100ms=%d", what,
                ms.length, ms[ms.length / 2], ms[(int) Math.floor(0.99 * (ms.length - 1))], ms[ms.length - 1], over);
    }

}
