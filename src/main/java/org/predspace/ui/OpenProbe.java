package org.predspace.ui;

import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signal bench/open-bench.sh times opening by, on with -Dpredspace.openProbe=N (N runs
 * expected): one line on standard error when the window appears, and one when the picture is
 * first drawn in full, that is, the frame the 3D view last drew holds every checkpoint of at
 * least N listed runs (as many points per run as the run library lists checkpoints for it, and
 * at least one),
 * all placed by an exact eigendecomposition (none out of sample), with the geodesic placed in
 * the same basis (the view's scale may still be easing in). Times are wall-clock milliseconds (epoch), so
 * the bench can set them against the X screen. Off (and free) without the property.
 */
public final class OpenProbe {
    private static final int EXPECTED_RUNS = Integer.getInteger("predspace.openProbe", 0);
    private static volatile boolean reported;

    private OpenProbe() {}

    public static boolean enabled() { return EXPECTED_RUNS > 0; }

    /** Called once the main window is shown. */
    public static void windowShown() {
        if (enabled()) System.err.println("predspace-probe window-shown at=" + System.currentTimeMillis());
    }

    /** A step of opening runs or of starting up, for the bench's breakdown (any thread). */
    public static void phase(String what) {
        if (enabled()) System.err.println("predspace-probe phase at=" + System.currentTimeMillis() + " " + what);
    }

    /** Called by the 3D view after each pulse with the frame it shows (JavaFX thread). */
    public static void shown(PictureFrame frame, List<RunItem> runs) {
        if (!enabled() || reported) return;
        if (!isDrawnInFull(frame, runs, EXPECTED_RUNS)) return;
        reported = true;
        System.err.println("predspace-probe drawn-in-full runs=" + runs.size() + " checkpoints=" + (frame.size() - 2)
                + " at=" + System.currentTimeMillis());
    }

    /** Whether {@code frame} draws every listed checkpoint of {@code runs} (at least {@code expected} of them) exactly. */
    static boolean isDrawnInFull(PictureFrame frame, List<RunItem> runs, int expected) {
        if (frame == null || runs.size() < expected || frame.size() == 0) return false;
        if (frame.embedding().exactPoints() != frame.size() || !frame.geodesicCurrent()) return false;
        Map<String, Integer> drawn = new HashMap<>();
        for (int i = 0; i < frame.size(); i++) {
            PointInfo p = frame.point(i);
            if (!p.isAnchor()) drawn.merge(p.run(), 1, Integer::sum);
        }
        for (RunItem r : runs) {
            // a run of another task is drawn in the imprinted picture only, never in the training
            // picture the app opens on (and the sample set has 13 of them)
            if (!RunState.isFullProblem(r.state().spec())) continue;
            int listed = r.state().metrics().size();
            if (listed == 0 || drawn.getOrDefault(r.name(), 0) != listed) return false;   // 0: not read yet
        }
        return true;
    }
}
