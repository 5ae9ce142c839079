package org.predspace.cli;

import org.predspace.training.TrainingEvent;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The terminal progress bar of {@code train}: one line redrawn in place on a terminal, or a
 * line per 10% when the output is a file or pipe (so logs stay short). Each finished run gets
 * a line of its own. Events arrive from several worker threads; printing is serialised here.
 */
final class ProgressPrinter implements Consumer<TrainingEvent> {
    private static final int BAR = 30;

    private final PrintWriter out;
    private final int runs;
    private final boolean interactive;
    private final Map<String, long[]> stepsByRun = new LinkedHashMap<>(); // name -> {done, total}
    private int ended;
    private int lastDecile = -1;
    private String current = "";
    private boolean lineOpen;

    ProgressPrinter(PrintWriter out, int runs, boolean interactive) {
        this.out = out;
        this.runs = runs;
        this.interactive = interactive;
    }

    @Override
    public synchronized void accept(TrainingEvent e) {
        if (e instanceof TrainingEvent.Started s) {
            stepsByRun.put(s.runName(), new long[] {0, s.totalSteps()});
            current = s.runName();
        } else if (e instanceof TrainingEvent.Progress p) {
            long[] st = stepsByRun.get(p.runName());
            if (st != null) st[0] = p.step();
            current = String.format(Locale.ROOT, "%s  epoch %.2f  loss %.4f", p.runName(), p.epoch(), p.loss());
            draw();
        } else if (e instanceof TrainingEvent.Finished f) {
            ended++;
            stepsByRun.put(f.runName(), new long[] {1, 1});
            Object acc = f.summary().get("test_accuracy");
            String accText = acc instanceof Number n ? String.format(Locale.ROOT, ", test accuracy %.4f", n.doubleValue()) : "";
            String why = f.message().equals(f.status().jsonName()) ? "" : " (" + f.message() + ")";
            line(String.format(Locale.ROOT, "%s: %s%s%s", f.runName(), f.status().jsonName(), accText, why));
            draw();
        } else if (e instanceof TrainingEvent.Failed f) {
            ended++;
            stepsByRun.put(f.runName(), new long[] {1, 1});
            line(f.runName() + ": failed: " + f.message());
            draw();
        }
    }

    /** Ends the progress line so the shell prompt starts on a fresh one. */
    synchronized void done() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.flush();
    }

    private void line(String text) {
        if (lineOpen) out.print("\r\033[K");
        lineOpen = false;
        out.println(text);
    }

    private void draw() {
        double sum = 0; // queued runs add nothing, running ones their fraction of steps, ended ones 1
        for (long[] st : stepsByRun.values()) sum += st[1] == 0 ? 1 : (double) st[0] / st[1];
        double fraction = runs == 0 ? 1 : Math.min(1, sum / runs);
        int filled = (int) Math.round(fraction * BAR);
        String bar = "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %d/%d runs  %s", Math.round(fraction * 100), ended, runs, current);
        if (interactive) {
            out.print("\r\033[K" + bar);
            lineOpen = true;
            out.flush();
        } else {
            int decile = (int) (fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(bar);
            }
        }
    }
}
