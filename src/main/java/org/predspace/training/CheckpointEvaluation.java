package org.predspace.training;

import org.predspace.training.engine.TrainableNetwork;

/**
 * What a checkpoint records of the network: the head's predictions on its training and held-out
 * probes and, when the run records them, the imprinted predictions on the shared probes.
 *
 * @param imprinted null when the run records no imprinted predictions
 */
record CheckpointEvaluation(ProbeEvaluation train, ProbeEvaluation test, SharedImprint.Rows imprinted) {
    static CheckpointEvaluation of(TrainableNetwork net, ProbeSet probe, ProbeSet testProbe, SharedImprint imprint) {
        if (imprint == null || !imprint.sharesProbesWith(probe, testProbe)) {
            return new CheckpointEvaluation(ProbeEvaluation.of(net, probe.samples()), ProbeEvaluation.of(net, testProbe.samples()),
                    imprint == null ? null : imprint.rows(net));
        }
        // a run of the full problem: one forward pass gives the head's predictions and the features
        TrainableNetwork.Outputs train = ChunkedRows.predictWithFeatures(net, probe.samples());
        TrainableNetwork.Outputs test = ChunkedRows.predictWithFeatures(net, testProbe.samples());
        return new CheckpointEvaluation(ProbeEvaluation.summarise(train.probabilities(), probe.samples()),
                ProbeEvaluation.summarise(test.probabilities(), testProbe.samples()),
                imprint.rows(net, train.features(), test.features()));
    }
}
