package org.predspace.training;

import org.predspace.data.DatasetSplit;
import org.predspace.platform.JobFailure;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.training.engine.EngineInfo;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.TrainableNetwork;
import org.predspace.training.spec.CheckpointSchedule;
import org.predspace.training.spec.TrainingSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains one network and records its trajectory through prediction space into a run folder.
 * The network lives and dies on the calling thread (DL4J networks are not thread-safe);
 * listeners receive plain values only.
 */
public final class TrainingRun {
    /**
     * A run has diverged when its loss exceeds this many times the loss of uniform predictions
     * (ln C): 10 ln C means p(label) below C^-10 on average, which no honest training reaches.
     * Non-finite losses or predictions are divergence too. Adam at lr 1000 saturates the
     * softmax to wrong one-hot rows without ever producing NaN; this catches it.
     */
    static final double DIVERGED_LOSS_FACTOR = 10;

    private final TrainingSpec spec;
    /** The data set as the run's train-size limit leaves it: every class, the shared probes' source. */
    private final DatasetSplit full;
    /** What the run trains on and its head is probed on: the full problem cut to the spec's task. */
    private final DatasetSplit data;
    private final Path dir;
    private final Consumer<TrainingEvent> listener;
    /** Its cancel flag (progress goes to the listener as events). */
    private final JobMonitor job;

    public TrainingRun(TrainingSpec spec, DatasetSplit data, Path dir, Consumer<TrainingEvent> listener) {
        this(spec, data, dir, listener, JobMonitor.silent());
    }

    /** A run that stops after the step during which {@code job} is cancelled (the pool's RunHandle holds it). */
    public TrainingRun(TrainingSpec spec, DatasetSplit data, Path dir, Consumer<TrainingEvent> listener, JobMonitor job) {
        this.job = job;
        this.spec = spec;
        this.full = TrainingSubset.of(data, spec.trainSizeLimit());
        this.data = spec.task().apply(full);   // what it trains on, its probe and its engine block
        this.dir = dir;
        this.listener = listener;
    }

    public TrainingSpec spec() { return spec; }
    public Path dir() { return dir; }

    /** Asks the run to stop after its current step; it then ends with status cancelled. */
    public void cancel() { job.cancel(); }

    /** Runs to the end on the calling thread and returns the final status. */
    public RunStatus execute() throws IOException {
        NativeBackend.configure();
        ProbeSet probe = ProbeSet.training(data, spec);
        ProbeSet testProbe = ProbeSet.balanced(data.id(), "test", data.test(), spec.probeSize(), spec.probeSeed());
        MinibatchSource batches = new MinibatchSource(data.train(), spec.batchSize(), spec.trainingLabelNoise(),
                spec.shiftAugment(), spec.seed());
        long stepsPerEpoch = Math.max(1, batches.stepsPerEpoch());
        long totalSteps = stepsPerEpoch * spec.epochs();
        CheckpointSchedule schedule = CheckpointSchedule.logSpaced(totalSteps, spec.checkpoints());
        TrainableNetwork net = TrainableNetwork.create(spec, data.shape(), data.classes(), totalSteps, startingParameters());
        // every run with features also records imprinted predictions on the full problem's shared probes
        SharedImprint shared = SharedImprint.of(full, spec);
        String noImprint = shared.unavailable(net);
        SharedImprint imprint = noImprint == null ? shared : null;

        Map<String, Object> specJson = spec.toMap();
        Map<String, Object> engine = EngineInfo.describe(net, data, stepsPerEpoch, totalSteps);
        if (noImprint != null) engine.put("imprint", "none: " + noImprint);
        specJson.put("engine", engine);
        ProbeInfo probeInfo = new ProbeInfo(probe.id(), probe.size(), probe.split());
        try (RunWriter writer = RunWriter.create(dir, spec.name(), data.classes(), probeInfo, specJson,
                probe.labels(), testProbe.labels(), imprint == null ? null : imprint.writerProbe())) {
            Outcome outcome;
            Map<String, Object> summary;
            try {
                listener.accept(new TrainingEvent.Started(spec.name(), dir, spec, probe.id(), totalSteps, schedule.size(),
                        data.classes(), probe.labels(), testProbe.id(), testProbe.labels(),
                        imprint == null ? null : imprint.info(), imprint == null ? null : imprint.labels()));
                outcome = train(net, batches, schedule, stepsPerEpoch, probe, testProbe, imprint, writer);
                summary = summary(net, outcome, writer);
            } catch (Throwable t) {
                recordFailure(writer, t);
                throw t;
            }
            writer.finish(outcome.status, summary);
            listener.accept(new TrainingEvent.Finished(spec.name(), outcome.status, outcome.message, summary));
            return outcome.status;
        }
    }

    private record Outcome(RunStatus status, String message, CheckpointMetrics last) {}

    /**
     * Marks the run failed on disk, with the reason in its summary, so that `info` and a window
     * opened later say why it stopped instead of calling it interrupted. Every checkpoint
     * committed so far stays. A failure to write this is added to {@code cause}, which is what
     * the caller reports.
     */
    private static void recordFailure(RunWriter writer, Throwable cause) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("reason", JobFailure.describe(cause));
        s.put("checkpoints", writer.checkpointCount());
        try {
            writer.finish(RunStatus.FAILED, s);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private Outcome train(TrainableNetwork net, MinibatchSource batches, CheckpointSchedule schedule,
                          long stepsPerEpoch, ProbeSet probe, ProbeSet testProbe, SharedImprint imprint,
                          RunWriter writer) throws IOException {
        OptimisationStep optimise = new OptimisationStep(net, batches, data.shape().size(), data.classes());
        long total = schedule.lastStep();
        long progressEvery = Math.max(1, total / 200);
        double divergedLoss = DIVERGED_LOSS_FACTOR * Math.log(data.classes());
        CheckpointMetrics last = null;
        for (long step = 0; ; step++) {
            if (schedule.contains(step)) {
                double epoch = step / (double) stepsPerEpoch;
                // imprinted rows use prototypes from this checkpoint's own features, so both faces show the same network
                CheckpointEvaluation evaluation = CheckpointEvaluation.of(net, probe, testProbe, imprint);
                ProbeEvaluation train = evaluation.train();
                ProbeEvaluation test = evaluation.test();
                if (!train.finite() || !test.finite()) {
                    return new Outcome(RunStatus.DIVERGED, "predictions became non-finite at step " + step, last);
                }
                if (train.loss() > divergedLoss) {
                    return new Outcome(RunStatus.DIVERGED, String.format(Locale.ROOT,
                            "probe loss %.3g at step %d is over %.0fx that of uniform predictions", train.loss(), step,
                            DIVERGED_LOSS_FACTOR), last);
                }
                SharedImprint.Rows imprinted = evaluation.imprinted();
                if (imprinted != null && !imprinted.finite()) {
                    return new Outcome(RunStatus.DIVERGED, "imprinted predictions became non-finite at step " + step, last);
                }
                CheckpointMetrics m = new CheckpointMetrics(step, epoch, train.loss(), train.accuracy(), test.loss(), test.accuracy());
                int index = schedule.indexOf(step);
                float[] params = spec.snapshots().keeps(index, schedule.size())
                        ? net.parameters() : null;
                writer.append(new Checkpoint(m, train.probabilities(), test.probabilities(), params,
                        imprinted == null ? null : imprinted.probe(), imprinted == null ? null : imprinted.test()));
                last = m;
                listener.accept(new TrainingEvent.CheckpointSaved(spec.name(), index, schedule.size(), m, train.probabilities(),
                        test.probabilities(), imprinted == null ? null : imprinted.probe()));
            }
            if (step == total) return new Outcome(RunStatus.FINISHED, "finished", last);
            if (job.isCancelled()) return new Outcome(RunStatus.CANCELLED, "cancelled at step " + step, last);

            double loss = optimise.run();
            writer.heartbeat(); // every 30 s: readers elsewhere see the writer alive (docs/run-format.md)
            if (!Double.isFinite(loss) || loss > divergedLoss) {
                return new Outcome(RunStatus.DIVERGED, "training loss became " + loss + " at step " + (step + 1), last);
            }
            if ((step + 1) % progressEvery == 0) {
                listener.accept(new TrainingEvent.Progress(spec.name(), step + 1, total, (step + 1) / (double) stepsPerEpoch, loss));
            }
        }
    }

    private Map<String, Object> summary(TrainableNetwork net, Outcome outcome, RunWriter writer) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("reason", outcome.message);
        s.put("checkpoints", writer.checkpointCount());
        if (outcome.last != null) {
            s.put("step", outcome.last.step());
            s.put("epoch", outcome.last.epoch());
            s.put("train_loss", outcome.last.trainLoss());
            s.put("train_accuracy", outcome.last.trainAccuracy());
            s.put("test_probe_loss", outcome.last.testLoss());
            s.put("test_probe_accuracy", outcome.last.testAccuracy());
        }
        if (outcome.status == RunStatus.FINISHED) {
            // the whole held-out split, not just its probe: the figure to quote
            ProbeEvaluation full = ProbeEvaluation.of(net, data.test());
            s.put("test_loss", full.loss());
            s.put("test_accuracy", full.accuracy());
            s.put("test_size", data.test().size());
        }
        return s;
    }

    /**
     * The parameters spec.initFrom() starts this run from (FineTuneStart: the whole snapshot on
     * the same task, its body under a fresh head on another), or null for a fresh initialisation.
     * A relative init-from is relative to this run's folder (as run.json records it), so runs
     * that start from a sibling stay right when their parent folder moves.
     */
    private float[] startingParameters() {
        if (spec.initFrom() == null) return null;
        return FineTuneStart.of(spec, dir).parameters(spec, data.shape(), data.classes());
    }
}
