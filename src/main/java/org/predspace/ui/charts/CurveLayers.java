package org.predspace.ui.charts;

import javafx.collections.ObservableList;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.XYChart.Series;
import javafx.scene.shape.Path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a chart's redraw proportional to what changed. LineChart retraces every series' path
 * on every layout, and the software renderer then rasterises every curve again (paths wider
 * than 512 pixels are not in Prism's mask cache): with 30 runs open, each live update of two
 * runs redrew 120 curves. Here a path is retraced only when its series' data, its stroke width
 * or the plot's mapping (axis bounds, plot size) changed; and the paths before the first
 * series that grew in the last {@link #SETTLE_NANOS} sit in one cached group, drawn from a
 * single image while the growing ones and those of runs still training (and those after them,
 * so the stacking order is the chart's) are drawn on top as plain paths.
 */
final class CurveLayers {
    /** A series that gained no points for this long is drawn from the cached image. */
    static final long SETTLE_NANOS = 2_000_000_000L;

    private final Group settled = new Group();
    private final Set<Series<Number, Number>> stale = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Series<Number, Number>, Double> tracedWidth = new IdentityHashMap<>();
    private final Map<Series<Number, Number>, Long> grownAt = new IdentityHashMap<>();
    /** Series whose run still trains: drawn uncached however long they have not grown (see {@link #live}). */
    private final Set<Series<Number, Number>> live = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Display positions of 0 and 1 on each axis and the plot size, when the paths were traced. */
    private double[] tracedMapping = new double[0];
    /** Whether the chart has been laid out: series added after that belong to runs that just appeared. */
    private boolean arranged;

    CurveLayers() {
        settled.setCache(true);
        settled.getStyleClass().add("settled-curves");
    }

    /** The group holding the settled paths (one cached image). */
    Group settled() { return settled; }

    /**
     * A series joined the chart. Once the chart is on screen a new series is a run that just
     * appeared (a training starting): it is drawn uncached like a growing one, since moving it
     * into the cached group would make the renderer rasterise every settled curve again, and
     * once more when it starts to grow a moment later.
     */
    void added(Series<Number, Number> s) {
        stale.add(s);
        if (arranged) grownAt.put(s, System.nanoTime());
    }

    /**
     * Marks {@code s} as belonging to a run that still trains (or not any more). A live series
     * stays outside the cached group even when no point arrived for a while: late in a training
     * checkpoints come seconds apart, and a curve that settled into the cache between two of
     * them left it again at the next, each move re-rasterising every settled curve of the chart
     * (18-37 ms of renderer time per chart, four times in a two-run lecture bench). When the run
     * ends the series settles like any other, {@link #SETTLE_NANOS} later.
     *
     * @return whether this changed anything
     */
    boolean live(Series<Number, Number> s, boolean on) {
        if (on) return live.add(s);
        if (!live.remove(s)) return false;
        grownAt.put(s, System.nanoTime());
        return true;
    }

    boolean isLive(Series<Number, Number> s) { return live.contains(s); }

    void removed(Series<Number, Number> s) {
        live.remove(s);
        stale.remove(s);
        tracedWidth.remove(s);
        grownAt.remove(s);
        if (s.getNode() != null) settled.getChildren().remove(s.getNode());
    }

    /** {@code s} gained or lost points: retrace it, and draw it uncached for a while. */
    void grew(Series<Number, Number> s) {
        stale.add(s);
        grownAt.put(s, System.nanoTime());
    }

    /** Some point changed in place (its series is not known): retrace all. */
    void changed(List<Series<Number, Number>> all) { stale.addAll(all); }

    /** Retraces the paths that need it; the others keep their elements, so the renderer keeps their image. */
    void trace(List<Series<Number, Number>> all, Axis<Number> x, Axis<Number> y) {
        double[] mapping = {x.getDisplayPosition(0), x.getDisplayPosition(1), x.getWidth(), y.getDisplayPosition(0),
                y.getDisplayPosition(1), y.getHeight()};
        boolean moved = !Arrays.equals(mapping, tracedMapping);
        tracedMapping = mapping;
        for (Series<Number, Number> s : all) {
            if (!(s.getNode() instanceof Path path)) continue;
            Double width = tracedWidth.get(s);
            if (moved || stale.contains(s) || width == null || width != path.getStrokeWidth()) {
                SeriesPath.trace(s, path, x, y);
                tracedWidth.put(s, path.getStrokeWidth());
            }
        }
        stale.clear();
    }

    /**
     * Puts the settled paths into the cached group and the rest, in series order, after it in
     * {@code plotChildren}, followed by {@code overlays}; touches the scene graph only if that changes it.
     *
     * @return nanoseconds until the next growing series settles, or -1 if none grows: the chart
     *         arranges again then, so that curves join the cached image while nothing else
     *         happens rather than at the next change (a training start, say)
     */
    long arrange(List<Series<Number, Number>> all, ObservableList<Node> plotChildren, List<Node> overlays) {
        arranged = true;
        long now = System.nanoTime();
        List<Node> cached = new ArrayList<>();
        List<Node> wanted = new ArrayList<>();
        wanted.add(settled);
        boolean growing = false;
        long untilSettled = -1;
        for (Series<Number, Number> s : all) {
            if (s.getNode() == null) continue;
            Long t = grownAt.get(s);
            if (live.contains(s)) {
                growing = true;
            } else if (t != null && now - t < SETTLE_NANOS) {
                growing = true;
                long left = SETTLE_NANOS - (now - t);
                untilSettled = untilSettled < 0 ? left : Math.min(untilSettled, left);
            }
            (growing ? wanted : cached).add(s.getNode());
        }
        wanted.addAll(overlays);
        // edits, not setAll: re-adding the cached group (or every path in it) would throw its image away
        ListEdits.reconcile(settled.getChildren(), cached);
        ListEdits.reconcile(plotChildren, wanted);
        return untilSettled;
    }
}
