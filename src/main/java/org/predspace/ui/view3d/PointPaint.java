package org.predspace.ui.view3d;

import javafx.scene.paint.Color;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;
import org.predspace.ui.Colouring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.predspace.ui.charts.ColourPalette;

/**
 * Decides the colour of every point for a colouring: categories (run, architecture,
 * optimiser, seed, task) get distinct hues, quantities (learning rate on a log scale, progress,
 * training accuracy, step on a log scale, losses and distance to truth on a log scale when they
 * span a decade or more) the sequential map; a value not measured is grey. Points of hidden runs
 * and the anchors (drawn separately) get -1; with a run selected, the others are dimmed.
 */
public final class PointPaint {
    /**
     * How the view knows a run: its state, its own hue index, whether it is drawn, and whether it
     * did not learn (drawn grey whatever the colouring, docs/science.md).
     */
    public record RunLook(RunState state, int hue, boolean visible, boolean notLearned) {
        public RunLook(RunState state, int hue, boolean visible) { this(state, hue, visible, false); }
    }

    /**
     * What the colours mean: swatches for categories, or a gradient between two labelled ends;
     * {@code missing}, when not empty, says what the grey of unmeasured values stands for.
     */
    public record Legend(String title, List<Entry> entries, String low, String high, String missing) {
        public Legend(String title, List<Entry> entries, String low, String high) { this(title, entries, low, high, ""); }

        public boolean gradient() { return entries.isEmpty(); }
    }

    public record Entry(String label, Color colour) {}

    private final ColourPalette palette;

    public PointPaint(ColourPalette palette) { this.palette = palette; }

    /** Palette index per point (-1: not drawn as a marker). */
    public int[] colours(List<PointInfo> points, int n, Map<String, RunLook> runs, Colouring colouring, String selectedRun) {
        return colours(points, n, runs, colouring, selectedRun, Long.MAX_VALUE);
    }

    /** As above, with checkpoints after step {@code upToStep} not drawn (playback). */
    public int[] colours(List<PointInfo> points, int n, Map<String, RunLook> runs, Colouring colouring, String selectedRun,
                         long upToStep) {
        Scale scale = scale(runs, colouring, points, n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            PointInfo p = points.get(i);
            RunLook look = runs.get(p.run());
            if (p.isAnchor() || look == null || !look.visible() || p.step() > upToStep) {
                out[i] = -1;
                continue;
            }
            boolean dim = selectedRun != null && !selectedRun.equals(p.run());
            out[i] = switch (colouring) {
                case RUN -> palette.categorical(look.hue(), dim);
                case ARCHITECTURE -> palette.categorical(scale.category(look.state().architecture()), dim);
                case OPTIMIZER -> palette.categorical(scale.category(look.state().optimizer()), dim);
                case SEED -> palette.categorical(scale.category(seedText(look.state())), dim);
                case TASK -> palette.categorical(scale.category(look.state().task()), dim);
                case LEARNING_RATE -> palette.sequential(scale.position(Math.log10(look.state().learningRate())), dim);
                case PROGRESS -> palette.sequential(p.progress(), dim);
                case TRAIN_ACCURACY -> palette.sequential(p.trainAccuracy(), dim);
                case STEP -> palette.sequential(scale.position(Math.log10(p.step() + 1.0)), dim);
                case TRAIN_LOSS, TEST_LOSS, TRUTH_DISTANCE -> {
                    double v = scale.measured(colouring, p);
                    yield Double.isNaN(v) ? palette.missing(dim) : palette.sequential(scale.quantity(v), dim);
                }
            };
            if (look.notLearned()) out[i] = palette.notLearned(dim);
        }
        return out;
    }

    /** The legend for a colouring over these runs and points. */
    public Legend legend(List<PointInfo> points, int n, Map<String, RunLook> runs, Colouring colouring) {
        Scale scale = scale(runs, colouring, points, n);
        String title = "Colour: " + colouring;
        if (colouring == Colouring.RUN) {
            List<Entry> e = new ArrayList<>();
            for (Map.Entry<String, RunLook> r : runs.entrySet()) {
                if (r.getValue().visible()) e.add(new Entry(r.getKey(), palette.colour(palette.categorical(r.getValue().hue(), false))));
            }
            return new Legend(title, e, "", "");
        }
        if (colouring.categorical()) {
            List<Entry> e = new ArrayList<>();
            for (int k = 0; k < scale.categories.size(); k++) {
                e.add(new Entry(scale.categories.get(k), palette.colour(palette.categorical(k, false))));
            }
            return new Legend(title, e, "", "");
        }
        return switch (colouring) {
            case LEARNING_RATE -> new Legend(title, List.of(), sci(Math.pow(10, scale.low)), sci(Math.pow(10, scale.high)));
            case STEP -> new Legend(title, List.of(), String.valueOf(Math.round(Math.pow(10, scale.low) - 1)),
                    String.valueOf(Math.round(Math.pow(10, scale.high) - 1)));
            case PROGRESS -> new Legend(title, List.of(), "0 (ignorance)", "1 (truth)");
            case TRAIN_LOSS, TEST_LOSS, TRUTH_DISTANCE -> new Legend(title + (scale.log ? " (log scale)" : ""), List.of(),
                    sci(scale.lowValue()), sci(scale.highValue()),
                    scale.missing == 0 ? "" : "grey: not measured (" + scale.missing + (scale.missing == 1 ? " point)" : " points)"));
            default -> new Legend(title, List.of(), "0 %", "100 %");
        };
    }

    private Scale scale(Map<String, RunLook> runs, Colouring colouring, List<PointInfo> points, int n) {
        Scale s = new Scale();
        switch (colouring) {
            case ARCHITECTURE -> s.categories(runs, r -> r.architecture());
            case OPTIMIZER -> s.categories(runs, r -> r.optimizer());
            case SEED -> s.categories(runs, PointPaint::seedText);
            case TASK -> s.categories(runs, RunState::task);
            case LEARNING_RATE -> {
                for (RunLook r : runs.values()) s.include(Math.log10(r.state().learningRate()));
            }
            case STEP -> {
                for (int i = 0; i < n; i++) if (!points.get(i).isAnchor()) s.include(Math.log10(points.get(i).step() + 1.0));
            }
            case TRAIN_LOSS, TEST_LOSS, TRUTH_DISTANCE -> {
                if (colouring != Colouring.TRUTH_DISTANCE) s.metricsByStep(runs);
                // visible runs only: a hidden diverged run must not stretch the scale of the rest
                for (int i = 0; i < n; i++) {
                    PointInfo p = points.get(i);
                    RunLook look = runs.get(p.run());
                    if (!p.isAnchor() && look != null && look.visible()) s.measure(s.measured(colouring, p));
                }
                s.settle();
            }
            default -> { }
        }
        return s;
    }

    private static String seedText(RunState r) {
        double s = r.seed();
        return Double.isNaN(s) ? "?" : String.valueOf((long) s);
    }

    static String sci(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "?";
    }

    /** Category order (sorted, so colours do not depend on opening order) and a numeric range. */
    private static final class Scale {
        final List<String> categories = new ArrayList<>();
        double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;

        void categories(Map<String, RunLook> runs, Function<RunState, String> key) {
            TreeSet<String> values = new TreeSet<>();
            for (RunLook r : runs.values()) values.add(key.apply(r.state()));
            categories.addAll(values);
        }

        int category(String value) { return Math.max(0, categories.indexOf(value)); }

        void include(double v) {
            if (!Double.isFinite(v)) return;
            low = Math.min(low, v);
            high = Math.max(high, v);
        }

        double position(double v) {
            if (!Double.isFinite(v) || !(high > low)) return 0.5;
            return (v - low) / (high - low);
        }

        // ---- measured quantities: losses and distance to truth ----

        /** Each run's metrics by step (metrics.csv may skip checkpoints, so not by position). */
        final Map<String, Map<Long, CheckpointMetrics>> metrics = new HashMap<>();
        /** Log10 positions: the values are positive and span a decade or more. */
        boolean log;
        /** Drawn points whose value was not measured. */
        int missing;
        private double smallestPositive = Double.POSITIVE_INFINITY;

        void metricsByStep(Map<String, RunLook> runs) {
            for (Map.Entry<String, RunLook> r : runs.entrySet()) {
                Map<Long, CheckpointMetrics> byStep = new HashMap<>();
                for (CheckpointMetrics m : r.getValue().state().metrics()) byStep.put(m.step(), m);
                metrics.put(r.getKey(), byStep);
            }
        }

        /** The quantity {@code c} shows for point {@code p}; NaN where it was not measured. */
        double measured(Colouring c, PointInfo p) {
            if (c == Colouring.TRUTH_DISTANCE) return p.truthDistance();
            CheckpointMetrics m = metrics.getOrDefault(p.run(), Map.of()).get(p.step());
            if (m == null) return Double.NaN;
            return c == Colouring.TRAIN_LOSS ? m.trainLoss() : m.testLoss();
        }

        void measure(double v) {
            if (Double.isNaN(v)) {
                missing++;
                return;
            }
            include(v);
            if (v > 0) smallestPositive = Math.min(smallestPositive, v);
        }

        /** Losses of trained networks fall over decades; a linear map would show all but the first checkpoints alike. */
        void settle() {
            log = Double.isFinite(smallestPositive) && high >= 10 * smallestPositive;
            if (log) {
                low = Math.log10(smallestPositive);
                high = Math.log10(high);
            }
        }

        double quantity(double v) {
            if (!log) return position(v);
            return v > 0 ? position(Math.log10(v)) : 0;
        }

        double lowValue() { return log ? Math.pow(10, low) : low; }

        double highValue() { return log ? Math.pow(10, high) : high; }
    }
}
