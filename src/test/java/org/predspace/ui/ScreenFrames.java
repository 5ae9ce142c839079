package org.predspace.ui;

import javafx.geometry.Point2D;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which frames reached the X screen, for the stall bench: a pulse on time says nothing about
 * the screen (a window once drew into an offscreen framebuffer for good while its pulses were
 * all on time). Each pulse paints its number into a 4 x 4 px mark in a corner of the window,
 * as a colour; bench/screen_probe.py reads that pixel back from the X server every 2 ms and
 * reports each change with its time (CLOCK_MONOTONIC, as System.nanoTime). From these: how many
 * frames were seen, the longest time the screen did not change, and how long a frame took from
 * its pulse to the screen; and the longest time the probe itself got no CPU (on a loaded
 * machine a change is seen that much late, so the other figures are upper bounds).
 */
final class ScreenFrames {
    private final Rectangle mark = new Rectangle(4, 4, Color.BLACK);
    /** Pulse times by frame number (index 0 unused): FX thread only until the report. */
    private final List<Long> pulses = new ArrayList<>(List.of(0L));
    /** Changes seen on the screen: time, then frame number, appended by the probe's reader. */
    private final List<long[]> seen = new ArrayList<>();
    /** Times the probe itself did not run for over 20 ms: when it read again, and for how long (guarded by seen). */
    private final List<long[]> blind = new ArrayList<>();
    private Process probe;
    private volatile String failure;

    /** Puts the mark into {@code host}'s top-left corner, over what it shows, outside its layout. */
    ScreenFrames(Pane host) {
        mark.setManaged(false);
        mark.setMouseTransparent(true);
        host.getChildren().add(mark);
    }

    /** FX thread, once a pulse: the next frame number into the mark. */
    void stamp(long now) {
        int frame = pulses.size() & 0xFFFFFF;
        pulses.add(now);
        mark.setFill(Color.rgb(frame >> 16 & 0xFF, frame >> 8 & 0xFF, frame & 0xFF));
    }

    /** FX thread, once the window is shown and laid out: starts reading the mark's pixel from the screen. */
    void watch() {
        Point2D at = mark.localToScreen(2, 2);
        try {
            probe = new ProcessBuilder("python3", "bench/screen_probe.py",
                    Integer.toString((int) at.getX()), Integer.toString((int) at.getY()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            failure = "the screen probe did not start: " + e.getMessage();
            return;
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.split(" ");
                    synchronized (seen) {
                        if (f[1].equals("blind")) blind.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[2])});
                        else seen.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]) & 0xFFFFFF});
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = "the screen probe stopped: " + e;
            }
        }, "screen-probe-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Ends the probe (it stops when its input closes). */
    void stop() {
        if (probe == null) return;
        probe.destroy();
    }

    /**
     * One line for the frames whose pulses fell in [from, to): how many of them were seen on the
     * screen, the longest time the screen showed no new frame, and pulse-to-screen times.
     */
    String line(String phase, long from, long to) {
        if (failure != null) return "screen " + phase + " unknown: " + failure;
        List<long[]> changes;
        long blindest = 0;
        synchronized (seen) {
            changes = new ArrayList<>(seen);
            for (long[] b : blind) if (b[0] >= from && b[0] < to) blindest = Math.max(blindest, b[1]);
        }
        int first = frameAt(from), last = frameAt(to);   // frames [first, last) were stamped in the phase
        int shown = 0;
        long longest = 0, previous = from;
        List<Double> lags = new ArrayList<>();
        for (long[] c : changes) {
            int frame = (int) c[1];
            if (frame < first || frame >= last || c[0] >= to) continue;
            shown++;
            lags.add((c[0] - pulses.get(frame)) / 1e6);
            longest = Math.max(longest, c[0] - previous);
            previous = c[0];
        }
        longest = Math.max(longest, to - previous);
        double[] ms = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "screen %s frames_shown=%d of %d longest_unchanged_ms=%.1f lag_median_ms=%.1f lag_max_ms=%.1f"
                        + " probe_blind_max_ms=%.1f", phase, shown, last - first, longest / 1e6,
                ms.length == 0 ? Double.NaN : ms[ms.length / 2], ms.length == 0 ? Double.NaN : ms[ms.length - 1], blindest / 1e6);
    }

    /** The first frame stamped at or after {@code time}. */
    private int frameAt(long time) {
        long[] times = pulses.stream().mapToLong(Long::longValue).toArray();
        int i = Arrays.binarySearch(times, 1, times.length, time);
        return i >= 0 ? i : -i - 1;
    }
}
