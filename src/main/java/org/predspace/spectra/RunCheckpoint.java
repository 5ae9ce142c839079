package org.predspace.spectra;

import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.data.InputShape;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.training.ProbeSet;
import org.predspace.training.TrainingSubset;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;

/**
 * A saved checkpoint of a run, made ready for spectra: its network rebuilt from run.json's spec
 * and the step's parameter snapshot (read from disk, so a live run's training thread is never
 * touched), and the run's own probe samples reproduced from the data set.
 */
public final class RunCheckpoint {
    private final Run run;
    private final long step;
    private final TrainingSpec spec;
    private final DatasetSplit data;
    private final ProbeSet probe;
    private final float[] parameters;

    private RunCheckpoint(Run run, long step, TrainingSpec spec, DatasetSplit data, ProbeSet probe, float[] parameters) {
        this.run = run;
        this.step = step;
        this.spec = spec;
        this.data = data;
        this.probe = probe;
        this.parameters = parameters;
    }

    /**
     * Opens step {@code step} of {@code run}; refuses a step without a parameter snapshot with a
     * message listing the steps that have one.
     */
    public static RunCheckpoint open(Run run, long step, DatasetCatalog catalog) throws RunFormatException, DataFormatException {
        long[] saved = run.parameterSteps();
        if (Arrays.binarySearch(saved, step) < 0) {
            throw new IllegalArgumentException("step " + step + " of run " + run.name() + " has no parameter snapshot"
                    + (saved.length == 0 ? " (the run kept none: train with --snapshots all or sparse)"
                    : "; steps with one: " + describe(saved)));
        }
        TrainingSpec spec = TrainingSpec.fromMap(run.spec());
        DatasetSplit data = spec.task().apply(TrainingSubset.of(catalog.load(spec.dataset()), spec.trainSizeLimit()));
        ProbeSet probe = ProbeSet.training(data, spec);
        if (!probe.id().equals(run.probe().id())) {
            throw new IllegalArgumentException("the probe samples of run " + run.name() + " (" + run.probe().id()
                    + ") cannot be reproduced from data set " + spec.dataset() + " (got " + probe.id() + "): has the data changed?");
        }
        return new RunCheckpoint(run, step, spec, data, probe, run.parameters(step));
    }

    /**
     * Step {@code step} of the same run, sharing this one's data and probe: a run's checkpoints
     * one after another without loading the data set again for each.
     */
    public RunCheckpoint at(long step) throws RunFormatException {
        if (step == this.step) return this;
        long[] saved = run.parameterSteps();
        if (Arrays.binarySearch(saved, step) < 0) {
            throw new IllegalArgumentException("step " + step + " of run " + run.name() + " has no parameter snapshot; steps with one: "
                    + describe(saved));
        }
        return new RunCheckpoint(run, step, spec, data, probe, run.parameters(step));
    }

    /** The step named by {@code text}: a number, or "last" for the last step with a snapshot. */
    public static long resolveStep(Run run, String text) {
        long[] saved = run.parameterSteps();
        if (text.trim().equalsIgnoreCase("last")) {
            if (saved.length == 0) {
                throw new IllegalArgumentException("run " + run.name() + " kept no parameter snapshots (train with --snapshots all or sparse)");
            }
            return saved[saved.length - 1];
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("step must be a number or 'last', got '" + text + "'");
        }
    }

    private static String describe(long[] steps) {
        if (steps.length <= 12) return Arrays.toString(steps);
        return "[" + steps[0] + ", " + steps[1] + ", ..., " + steps[steps.length - 1] + "] (" + steps.length + " steps)";
    }

    /** A fresh double-precision copy of the network at this step: one per task, used on one thread. */
    public CheckpointModel model() {
        return CheckpointModel.of(spec, data.shape(), data.classes(), parameters);
    }

    /**
     * A fresh double-precision copy of the network at this step for forward passes only (lines,
     * planes): takes batch norm too, its statistics recomputed on the run's whole train probe at
     * every parameter vector (CheckpointModel.forwardOnly).
     */
    public CheckpointModel forwardModel() {
        return CheckpointModel.forwardOnly(spec, data.shape(), data.classes(), parameters, samples(Integer.MAX_VALUE));
    }

    /** A class-balanced subset of n of the run's probe samples (all of them when n >= the probe size). */
    public Samples samples(int n) {
        if (n < 1) throw new IllegalArgumentException("samples must be at least 1, got " + n);
        if (n >= probe.size()) return Samples.first(probe.samples(), probe.size());
        ProbeSet subset = ProbeSet.balanced(data.id(), "probe", probe.samples(), n, spec.probeSeed());
        return Samples.first(subset.samples(), n);
    }

    /**
     * The run's held-out test probe, reproduced as training drew it (TrainingRun) and checked
     * against the labels the run saved with it.
     */
    public Samples testSamples() {
        ProbeSet test = ProbeSet.balanced(data.id(), "test", data.test(), spec.probeSize(), spec.probeSeed());
        if (run.hasTestSet() && !Arrays.equals(test.labels(), run.testLabels())) {
            throw new IllegalArgumentException("the test probe of run " + run.name() + " cannot be reproduced from data set "
                    + spec.dataset() + " (its labels differ): has the data changed?");
        }
        return Samples.first(test.samples(), test.size());
    }

    public Run run() { return run; }
    public long step() { return step; }
    public TrainingSpec spec() { return spec; }
    public int parameterCount() { return parameters.length; }
    /** The snapshot in double precision, as the models load it (batch-norm statistics as training kept them). */
    public double[] parameters() {
        double[] w = new double[parameters.length];
        for (int i = 0; i < w.length; i++) w[i] = parameters[i];
        return w;
    }
    /** The shape of the network's input, for layouts of its parameter vector. */
    public InputShape inputShape() { return data.shape(); }
    public int classes() { return data.classes(); }
    /** ||w||^2 of the snapshot, for the PAC-Bayes bound. */
    public double weightNormSquared() {
        double s = 0;
        for (float w : parameters) s += (double) w * w;
        return s;
    }
}
