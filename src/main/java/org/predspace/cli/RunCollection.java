package org.predspace.cli;

import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Run folders opened together for one picture: they must share a probe set (same id, size,
 * classes and labels), or the command stops with a message naming the two runs that differ.
 */
final class RunCollection {
    /** One checkpoint of one run, as a point of prediction space. */
    record Point(String run, long step, SqrtProbabilities sqrt) {}

    private final List<Run> runs;
    private final ProbeShape shape;
    private final int[] labels;

    private RunCollection(List<Run> runs, ProbeShape shape, int[] labels) {
        this.runs = runs;
        this.shape = shape;
        this.labels = labels;
    }

    static RunCollection open(List<Path> dirs) throws RunFormatException {
        return open(dirs, false);
    }

    /**
     * @param imprinted take every run's imprinted predictions (docs/run-format.md), so runs of
     *                  different tasks share one picture; a run without them stops the command
     *                  with a message naming it
     */
    static RunCollection open(List<Path> dirs, boolean imprinted) throws RunFormatException {
        if (dirs.isEmpty()) throw new IllegalArgumentException("give at least one run folder");
        List<Run> runs = new ArrayList<>();
        for (Path d : dirs) {
            Run run = Run.open(d);
            runs.add(imprinted ? run.imprinted() : run);
        }
        Run first = runs.get(0);
        ProbeShape shape = new ProbeShape(first.probe().id(), first.probe().size(), first.classes());
        int[] labels = first.labels();
        for (Run r : runs.subList(1, runs.size())) {
            shape.requireSame(new ProbeShape(r.probe().id(), r.probe().size(), r.classes()), first.name(), r.name());
            if (!Arrays.equals(labels, r.labels())) {
                throw new IllegalArgumentException("runs " + first.name() + " and " + r.name()
                        + " claim probe set " + shape.probeId() + " but their labels differ; their folders disagree");
            }
        }
        return new RunCollection(List.copyOf(runs), shape, labels);
    }

    List<Run> runs() { return runs; }
    ProbeShape shape() { return shape; }
    int[] labels() { return labels.clone(); }

    /** Every checkpoint of every run, run by run, in training order. */
    List<Point> points() {
        List<Point> out = new ArrayList<>();
        for (Run r : runs) out.addAll(points(r));
        return out;
    }

    List<Point> points(Run r) {
        List<Point> out = new ArrayList<>();
        long[] steps = r.steps();
        for (int t = 0; t < steps.length; t++) {
            out.add(new Point(r.name(), steps[t], SqrtProbabilities.of(r.name(), shape, r.predictions(t))));
        }
        return out;
    }
}
