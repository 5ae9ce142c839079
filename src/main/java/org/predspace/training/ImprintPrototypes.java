package org.predspace.training;

import org.predspace.data.DatasetSplit;
import org.predspace.training.spec.TrainingSpec;

/**
 * The prototype split: the training samples whose mean features are the class prototypes of
 * imprinting ({@link Imprinting}). Drawn from the full problem's training data, class-balanced
 * like a probe, never from the shared probe itself: prototypes averaged over the probe would
 * carry its labels into its own predictions (docs/science.md, the space of tasks). Seeded from
 * the probe seed, so every run that shares the probe (whatever its task or seed) averages over
 * the same prototype samples.
 */
public final class ImprintPrototypes {
    /**
     * At most this many samples: 100 per class of the 10-class data sets, enough that a mean over
     * them moves little between draws, and cheap to push through the network at every checkpoint.
     */
    public static final int MAX_SIZE = 1000;
    /** Mixed into the probe seed so the prototypes are not drawn by the same stream as the probe. */
    private static final long SEED_MIX = 0x9E3779B97F4A7C15L;

    private ImprintPrototypes() {}

    /**
     * The prototype samples of runs with {@code spec} whose shared probe is {@code sharedProbe}
     * (drawn from {@code full.train()}): min({@link #MAX_SIZE}, the rest of the training data)
     * samples, indices into {@code full.train()}, with an id like a probe's.
     */
    public static ProbeSet draw(DatasetSplit full, ProbeSet sharedProbe, TrainingSpec spec) {
        String source = (spec.trainSizeLimit() == 0 ? "train" : "train" + spec.trainSizeLimit()) + "-prototypes";
        return ProbeSet.balancedExcluding(full.id(), "train", source, full.train(), sharedProbe.indices(), MAX_SIZE,
                spec.probeSeed() ^ SEED_MIX);
    }
}
