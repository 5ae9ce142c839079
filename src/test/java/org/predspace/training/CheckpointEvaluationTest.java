package org.predspace.training;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.predspace.data.DatasetSplit;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.TrainableNetwork;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A checkpoint of the full problem takes the shared probes' features from the head's own pass;
 * that must give what imprinting the network on its own gives, and the head's predictions must
 * be what evaluating the head alone gives. Runs of other tasks (here: a head probe of another
 * probe seed) imprint separately.
 */
class CheckpointEvaluationTest {
    private static final DatasetSplit BLOBS = TestData.blobSplit("checkpoint-blobs");

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void oneHeadPassGivesWhatSeparatePassesGive(boolean batchNorm) {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).batchNorm(batchNorm).width(8)
                .hiddenLayers(1).probeSize(30).seed(5).build();
        TrainableNetwork net = TrainableNetwork.create(spec, BLOBS.shape(), BLOBS.classes(), 10);
        SharedImprint shared = SharedImprint.of(BLOBS, spec);
        SharedImprint.Rows alone = shared.rows(net);

        ProbeSet probe = ProbeSet.training(BLOBS, spec);
        ProbeSet test = ProbeSet.balanced(BLOBS.id(), "test", BLOBS.test(), spec.probeSize(), spec.probeSeed());
        assertTrue(shared.sharesProbesWith(probe, test));
        CheckpointEvaluation same = CheckpointEvaluation.of(net, probe, test, shared);
        assertArrayEquals(ProbeEvaluation.of(net, probe.samples()).probabilities(), same.train().probabilities(), 1e-7f);
        assertArrayEquals(ProbeEvaluation.of(net, test.samples()).probabilities(), same.test().probabilities(), 1e-7f);
        assertArrayEquals(alone.probe(), same.imprinted().probe(), 1e-7f);
        assertArrayEquals(alone.test(), same.imprinted().test(), 1e-7f);

        TrainingSpec otherProbe = spec.toBuilder().probeSeed(9).build();
        ProbeSet ownProbe = ProbeSet.training(BLOBS, otherProbe);
        assertFalse(shared.sharesProbesWith(ownProbe, test));
        CheckpointEvaluation other = CheckpointEvaluation.of(net, ownProbe, test, shared);
        assertArrayEquals(ProbeEvaluation.of(net, ownProbe.samples()).probabilities(), other.train().probabilities(), 1e-7f);
        assertArrayEquals(alone.probe(), other.imprinted().probe(), 1e-7f);

        assertNull(CheckpointEvaluation.of(net, probe, test, null).imprinted());
    }
}
