package org.predspace.spectra;

import org.predspace.platform.JobMonitor;

import java.util.concurrent.Callable;

/**
 * One spectrum computation as a background task: submit it to an executor, watch its progress,
 * cancel it from any thread. It builds its own copy of the network (never a live run's), so any
 * number can run at once, one per executor thread.
 *
 * <p>The result holds either a spectrum (fim, efim, hessian, input) or a density.
 */
public final class SpectrumTask implements Callable<SpectrumTask.Result> {
    /** A spectrum or (kind density) a density, of checkpoint {@code step}. */
    public record Result(long step, Spectrum spectrum, SpectralDensity.Density density) {
        public boolean isDensity() { return density != null; }
    }

    private final RunCheckpoint checkpoint;
    private final SpectrumRequest request;
    private final JobMonitor monitor;

    public SpectrumTask(RunCheckpoint checkpoint, SpectrumRequest request, JobMonitor.ProgressListener listener) {
        this(checkpoint, request, new JobMonitor(listener));
    }

    /** Reporting to, and stopping at, a monitor its caller holds (the window's task adapter). */
    public SpectrumTask(RunCheckpoint checkpoint, SpectrumRequest request, JobMonitor monitor) {
        this.checkpoint = checkpoint;
        this.request = request;
        this.monitor = monitor;
    }

    /** Stops the computation at its next check (within one gradient pass); call() then throws CancellationException. */
    public void cancel() { monitor.cancel(); }

    public boolean isCancelled() { return monitor.isCancelled(); }

    @Override
    public Result call() {
        monitor.progress(0, "loading checkpoint " + checkpoint.step());
        Samples samples = checkpoint.samples(request.samples());
        if (request.kind() == SpectrumKind.INPUT) {
            return new Result(checkpoint.step(), InputSpectrum.compute(samples, request.eigenvectors(), monitor), null);
        }
        CheckpointModel model = checkpoint.model();
        return switch (request.kind()) {
            case FIM -> new Result(checkpoint.step(), FisherSpectrum.trueFisher(model, samples, request.eigenvectors(), monitor), null);
            case EFIM -> new Result(checkpoint.step(), FisherSpectrum.empiricalFisher(model, samples, request.eigenvectors(), monitor), null);
            case HESSIAN -> new Result(checkpoint.step(), HessianSpectrum.compute(model, samples,
                    new HessianSpectrum.Options(request.k(), request.bothEnds(), request.hessianStep(), 0,
                            HessianSpectrum.DEFAULT_TOLERANCE, 0), monitor), null);
            case DENSITY -> new Result(checkpoint.step(), null, density(model, samples));
            case INPUT -> throw new AssertionError("handled above");
        };
    }

    private SpectralDensity.Density density(CheckpointModel model, Samples samples) {
        try (HessianVectorProduct h = new HessianVectorProduct(model, samples, request.hessianStep(), monitor)) {
            return SpectralDensity.estimate(h, request.density(), monitor);
        }
    }
}
