package org.predspace.cli;

import org.predspace.data.DatasetCatalog;
import org.predspace.export.CsvTable;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.SpectralDensity;
import org.predspace.spectra.Spectrum;
import org.predspace.spectra.SpectrumKind;
import org.predspace.spectra.SpectrumRequest;
import org.predspace.spectra.SpectrumSummary;
import org.predspace.spectra.SpectrumTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "spectrum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sloppiness spectrum of one saved checkpoint of a run (docs/science.md §7).",
                "Kinds: fim (true Fisher, Gram trick, n*C eigenvalues), efim (empirical Fisher, n eigenvalues), "
                        + "hessian (mean cross-entropy; k leading by Lanczos, all P when P <= 5000), "
                        + "input (X^T X / n of the samples), density (Hessian spectral density by stochastic Lanczos quadrature).",
                "eig.csv has one eigenvalue a row, largest first, header 'eigenvalue'; "
                        + "for --kind density it has the columns grid,density instead."})
final class SpectrumCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "a run folder with parameter snapshots")
    Path dir;

    @Option(names = "--step", defaultValue = "last", paramLabel = "S|last",
            description = "checkpoint step with a parameter snapshot (default: ${DEFAULT-VALUE})")
    String step;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "fim, efim, hessian, input or density")
    String kind;

    @Option(names = "--samples", defaultValue = "500", paramLabel = "N",
            description = "probe samples (class-balanced subset of the run's probe set; default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--k", defaultValue = "100", paramLabel = "K", description = "hessian: leading eigenvalues (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--both-ends", description = "hessian: also the K most negative eigenvalues")
    boolean bothEnds;

    @Option(names = "--fd-step", defaultValue = "1e-5", paramLabel = "H",
            description = "hessian, density: finite-difference step of Hessian-vector products (default: ${DEFAULT-VALUE})")
    double fdStep;

    @Option(names = "--vectors", defaultValue = "5", description = "density: random start vectors (default: ${DEFAULT-VALUE})")
    int vectors;

    @Option(names = "--lanczos-steps", defaultValue = "100", description = "density: Lanczos steps per vector (default: ${DEFAULT-VALUE})")
    int lanczosSteps;

    @Option(names = "--width", paramLabel = "SIGMA",
            description = "density: Gaussian smoothing width, above 0 (default: 1%% of the eigenvalue range)")
    Double width;

    @Option(names = "--grid", defaultValue = "1000", description = "density: grid points (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--floor", paramLabel = "REL",
            description = "decades are counted down to the smallest eigenvalue above REL x the largest "
                    + "(default: 1e-12; 1e-8 for the Hessian, whose finite differences blur eigenvalues below a few 1e-10)")
    Double floorOption;

    @Option(names = "--threshold", defaultValue = "1e-3", paramLabel = "REL",
            description = "effective dimension: eigenvalues above REL x the largest (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--out", required = true, paramLabel = "eig.csv", description = "where to write the eigenvalues (or grid,density)")
    Path out;

    @Option(names = "--stats", paramLabel = "stats.json",
            description = "also write kind, step, n, P, decades, effective dimension, trace, seconds")
    Path stats;

    /** Beyond these a Lanczos run stores more vectors than a desktop's memory holds, or gains nothing. */
    static final int MAX_K = 2000, MAX_STEPS = 2000, MAX_VECTORS = 1000, MAX_GRID = 100_000;

    @Override
    public Integer call() throws Exception {
        SpectrumKind spectrumKind = SpectrumKind.fromId(kind);
        checkOptions();
        OutputFiles.check(spec, List.of(dir), OutputFiles.named("--out", out, "--stats", stats));
        Run run = Run.open(dir);
        long s = RunCheckpoint.resolveStep(run, step);
        RunCheckpoint checkpoint = RunCheckpoint.open(run, s, new DatasetCatalog());
        SpectrumRequest request = SpectrumRequest.of(spectrumKind).withSamples(samples).withK(k).withBothEnds(bothEnds)
                .withHessianStep(fdStep)
                .withDensity(new SpectralDensity.Options(vectors, lanczosSteps, width == null ? Double.NaN : width, grid, 0));
        PrintWriter console = spec.commandLine().getOut();
        if (KinkWarning.applies(spectrumKind, checkpoint.spec())) spec.commandLine().getErr().println("predspace: warning: " + KinkWarning.TEXT);
        int[] decile = {-1};
        SpectrumTask task = new SpectrumTask(checkpoint, request, (fraction, stage) -> {
            int d = (int) (fraction * 10);
            if (d > decile[0]) {
                decile[0] = d;
                console.printf(Locale.ROOT, "%3d%%  %s%n", d * 10, stage);
            }
        });
        SpectrumTask.Result result = task.call();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", spectrumKind.id());
        facts.put("run", run.name());
        facts.put("step", s);
        facts.put("n", Math.min(samples, run.probe().size()));
        if (result.isDensity()) {
            writeDensity(result.density());
            facts.put("P", result.density().parameters());
            facts.put("seconds", result.density().seconds());
        } else {
            Spectrum spectrum = result.spectrum();
            double floor = floorOption != null ? floorOption : SpectrumSummary.relativeFloor(spectrumKind);
            writeEigenvalues(spectrum.eigenvalues());
            SpectrumSummary summary = SpectrumSummary.of(spectrum.eigenvalues(), floor, threshold * spectrum.largest());
            facts.put("n", spectrum.samples());
            facts.put("P", spectrum.parameters());
            facts.put("eigenvalues", spectrum.eigenvalues().length);
            facts.put("largest", summary.largest());
            facts.put("decades", summary.decades());
            facts.put("relative_floor", floor);
            facts.put("effective_dimension", summary.effectiveDimension());
            facts.put("effective_dimension_threshold", summary.threshold());
            facts.put("trace", summary.trace());
            facts.put("seconds", spectrum.seconds());
            console.printf(Locale.ROOT, "%s at step %d: %d eigenvalues, largest %.4g, %.1f decades above %.0e of it, "
                            + "%d above %.0e of it, trace %.4g, %.1f s%n", spectrumKind.id(), s, spectrum.eigenvalues().length,
                    summary.largest(), summary.decades(), floor, summary.effectiveDimension(), threshold, summary.trace(),
                    spectrum.seconds());
        }
        if (stats != null) {
            OutputFiles.json(stats, facts);
        }
        return 0;
    }

    /** Every numeric option, before any work: a bad one must not cost a Lanczos run first. */
    private void checkOptions() {
        OptionChecks checks = new OptionChecks(spec);
        checks.whole("--samples", samples, 1, Integer.MAX_VALUE);
        checks.whole("--k", k, 1, MAX_K);
        checks.number("--fd-step", fdStep, 0, false, 1, true);
        checks.whole("--vectors", vectors, 1, MAX_VECTORS);
        checks.whole("--lanczos-steps", lanczosSteps, 1, MAX_STEPS);
        if (width != null) checks.number("--width", width, 0, false, Double.MAX_VALUE, true);
        checks.whole("--grid", grid, 2, MAX_GRID);
        if (floorOption != null) checks.number("--floor", floorOption, 0, true, 1, false);
        checks.number("--threshold", threshold, 0, true, 1, true);
    }

    private void writeEigenvalues(double[] values) throws IOException {
        CsvTable table = new CsvTable(List.of("eigenvalue"));
        for (double v : values) table.row(v);
        OutputFiles.csv(out, table);
    }

    private void writeDensity(SpectralDensity.Density d) throws IOException {
        CsvTable table = new CsvTable(List.of("grid", "density"));
        for (int i = 0; i < d.grid().length; i++) table.row(d.grid()[i], d.density()[i]);
        OutputFiles.csv(out, table);
    }
}
