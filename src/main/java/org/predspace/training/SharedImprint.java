package org.predspace.training;

import org.predspace.data.DatasetSplit;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.ImprintedProbe;
import org.predspace.runs.ProbeInfo;
import org.predspace.tasks.Imprinting;
import org.predspace.training.engine.TrainableNetwork;
import org.predspace.training.spec.TrainingSpec;

/**
 * What a run needs to record imprinted predictions (docs/run-format.md, "Imprinted
 * predictions"): the shared probes, the training and held-out probes a full-problem run with the
 * same data and probe options would have, so runs of every task meet on them, and the prototype
 * samples the class prototypes are averaged over.
 */
final class SharedImprint {
    private final int classes;
    private final ProbeSet probe;
    private final ProbeSet test;
    private final ProbeSet prototypes;

    private SharedImprint(int classes, ProbeSet probe, ProbeSet test, ProbeSet prototypes) {
        this.classes = classes;
        this.probe = probe;
        this.test = test;
        this.prototypes = prototypes;
    }

    /** The imprinted predictions' rows at one checkpoint, on the shared probe and its held-out partner. */
    record Rows(float[] probe, float[] test) {
        boolean finite() { return allFinite(probe) && allFinite(test); }

        private static boolean allFinite(float[] values) {
            for (float v : values) if (!Float.isFinite(v)) return false;
            return true;
        }
    }

    static SharedImprint of(DatasetSplit full, TrainingSpec spec) {
        ProbeSet probe = ProbeSet.training(full, spec);
        ProbeSet test = ProbeSet.balanced(full.id(), "test", full.test(), spec.probeSize(), spec.probeSeed());
        return new SharedImprint(full.classes(), probe, test, ImprintPrototypes.draw(full, probe, spec));
    }

    /**
     * Why a run of {@code net} records no imprinted predictions, or null when it does: softmax
     * regression has no features, and every class needs a prototype sample.
     */
    String unavailable(TrainableNetwork net) {
        if (net.featureSize() == 0) return "softmax regression has no hidden features to imprint";
        int[] perClass = new int[classes];
        for (int label : prototypes.labels()) perClass[label]++;
        for (int c = 0; c < classes; c++) {
            if (perClass[c] == 0) {
                return "the training data left no prototype sample of class " + c + " outside the shared probe";
            }
        }
        return null;
    }

    /** The writer's imprinted probe: run.json's imprint block and the shared probes' labels. */
    ImprintedProbe writerProbe() {
        ImprintInfo info = new ImprintInfo(classes, info(probe), info(prototypes));
        return new ImprintedProbe(info, probe.labels(), test.labels());
    }

    ImprintInfo info() { return writerProbe().info(); }

    int[] labels() { return probe.labels(); }

    private static ProbeInfo info(ProbeSet set) { return new ProbeInfo(set.id(), set.size(), set.split()); }

    /**
     * Whether the shared probes are {@code headProbe} and {@code headTest} themselves (a run of
     * the full problem): then the pass that evaluates the head can hand over their features.
     */
    boolean sharesProbesWith(ProbeSet headProbe, ProbeSet headTest) {
        return probe.id().equals(headProbe.id()) && test.id().equals(headTest.id());
    }

    /** Imprints {@code net} as it is now: prototypes from its features, then both probes' predictions. */
    Rows rows(TrainableNetwork net) {
        return rows(net, features(net, probe), features(net, test));
    }

    /** As above, with the features of the shared probe and held-out probe already computed. */
    Rows rows(TrainableNetwork net, float[] probeFeatures, float[] testFeatures) {
        Imprinting imprinting = Imprinting.of(features(net, prototypes), prototypes.labels(), classes, net.featureSize());
        return new Rows(imprinting.predictions(probeFeatures, probe.size()), imprinting.predictions(testFeatures, test.size()));
    }

    private static float[] features(TrainableNetwork net, ProbeSet on) {
        return ChunkedRows.of(on.samples(), net.featureSize(), net::features);
    }
}
