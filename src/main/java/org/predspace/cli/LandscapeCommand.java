package org.predspace.cli;

import org.predspace.data.DatasetCatalog;
import org.predspace.export.CsvTable;
import org.predspace.export.SharpnessCsv;
import org.predspace.landscape.LinePath;
import org.predspace.landscape.ModelGrid;
import org.predspace.landscape.PlaneGrid;
import org.predspace.landscape.PlaneLandscape;
import org.predspace.landscape.PlaneSlice;
import org.predspace.landscape.RunLine;
import org.predspace.landscape.RunPlane;
import org.predspace.landscape.RunSharpness;
import org.predspace.landscape.SharpnessCurve;
import org.predspace.landscape.SliceDirections;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.training.engine.NativeBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "landscape", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The loss landscape of a saved run along a line or over a plane in weight space (docs/landscape.md).",
                "--line: loss and accuracy along theta(a) = (1-a) theta_0 + a theta_1 between two checkpoints, "
                        + "on the train and the held-out test probe, with the barrier.",
                "--plane trajectory: the top-2 principal plane of the run's snapshots around its last one; "
                        + "--plane random: two seeded filter-normalised directions around --step.",
                "Beside FILE.csv goes FILE.directions.npy (float64, rows origin, d_x, d_y), "
                        + "so the same slice can be recomputed elsewhere."})
final class LandscapeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "a run folder with parameter snapshots")
    Path dir;

    @Option(names = "--line", description = "a line between two checkpoints")
    boolean line;

    @Option(names = "--plane", paramLabel = "KIND", description = "a plane: trajectory or random")
    String plane;

    @Option(names = "--sharpness",
            description = "the top Gauss-Newton Hessian eigenvalue at every snapshot, with 2 / lr (no directions file)")
    boolean sharpness;

    @Option(names = "--from", paramLabel = "init|S|last",
            description = "line: the start, a step with a snapshot (default: init, or last with --to-run)")
    String from;

    @Option(names = "--to", paramLabel = "S|last", description = "line: the end, a step of this run (default: last)")
    String to;

    @Option(names = "--to-run", paramLabel = "RUN_DIR", description = "line: end at the last snapshot of another run of the same network")
    Path toRun;

    @Option(names = "--range", split = ",", paramLabel = "A,B", defaultValue = "-0.5,1.5",
            description = "line: the values of a from A to B (default: ${DEFAULT-VALUE})")
    double[] range;

    @Option(names = "--points", defaultValue = "101", paramLabel = "N", description = "line: points along it (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--step", paramLabel = "S|last", description = "random plane: the checkpoint at its centre (default: last)")
    String step;

    @Option(names = "--grid", defaultValue = "25", paramLabel = "N", description = "plane: N x N models (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--seed", paramLabel = "S", description = "random plane: directions drawn with seeds S and S+1 (default: 0)")
    Long seed;

    @Option(names = "--test", description = "plane: also the held-out test probe (twice the work)")
    boolean test;

    @Option(names = "--samples", defaultValue = "1000", paramLabel = "N",
            description = "train probe samples (class-balanced subset of the run's probe set; default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--jobs", paramLabel = "J", description = "line, plane: models scored at once, one network copy each (default: one per core)")
    Integer jobs;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "where to write the table; the directions go beside it")
    Path out;

    static final int MAX_POINTS = 100_000, MAX_GRID = 1_001;
    private static final String TRAJECTORY = PlaneSlice.Kind.TRAJECTORY.id(), RANDOM = PlaneSlice.Kind.FILTER_NORMALIZED.id();

    @Override
    public Integer call() throws Exception {
        checkOptions();
        if (sharpness) return sharpness();
        Path directions = SliceDirections.beside(out);
        List<Path> inputs = new ArrayList<>(List.of(dir));
        if (toRun != null) inputs.add(toRun);
        OutputFiles.check(spec, inputs, OutputFiles.named("--out", out, "directions beside --out", directions));
        Run run = Run.open(dir);
        DatasetCatalog catalog = new DatasetCatalog();
        PrintWriter console = spec.commandLine().getOut();
        JobMonitor monitor = progressOnStderr();
        long started = System.nanoTime();
        if (line) {
            ModelGrid models = line(run, catalog, monitor, console);
            OutputFiles.bytes(directions, SliceDirections.npy(models));
        } else {
            PlaneSlice slice = plane(run, catalog, monitor, console, started);
            OutputFiles.bytes(directions, SliceDirections.npy(slice.origin(), slice.xDirection(), slice.yDirection()));
        }
        console.printf(Locale.ROOT, "wrote %s and %s%n", out, directions);
        return 0;
    }

    /** Every option, before any work: a bad one must not cost a grid first. */
    private void checkOptions() {
        OptionChecks checks = new OptionChecks(spec);
        int modes = (line ? 1 : 0) + (plane != null ? 1 : 0) + (sharpness ? 1 : 0);
        if (modes != 1) throw Cli.usage(spec.commandLine(), "give one of --line, --plane trajectory|random or --sharpness");
        if (plane != null && !plane.equals(TRAJECTORY) && !plane.equals(RANDOM)) {
            throw Cli.usage(spec.commandLine(), "--plane must be trajectory or random, got '" + plane + "'");
        }
        List<String> lineOnly = List.of("--from", "--to", "--to-run", "--range", "--points");
        List<String> planeOnly = List.of("--step", "--grid", "--seed", "--test");
        for (String option : line ? planeOnly : sharpness ? List.<String>of() : lineOnly) {
            if (given(option)) throw Cli.usage(spec.commandLine(), option + " belongs to " + (line ? "--plane" : "--line"));
        }
        if (sharpness) {
            List<String> others = concat(lineOnly, planeOnly);
            others.add("--jobs");
            for (String option : others) {
                if (given(option)) throw Cli.usage(spec.commandLine(), option + " does not belong to --sharpness, which takes --samples only");
            }
        }
        if (plane != null && plane.equals(TRAJECTORY)) {
            for (String option : List.of("--step", "--seed")) {
                if (given(option)) {
                    throw Cli.usage(spec.commandLine(), option + " belongs to --plane random; the trajectory plane lies around the run's last snapshot");
                }
            }
        }
        if (to != null && toRun != null) throw Cli.usage(spec.commandLine(), "give --to or --to-run, not both");
        if (range.length != 2 || !Double.isFinite(range[0]) || !Double.isFinite(range[1]) || !(range[0] < range[1])) {
            throw Cli.usage(spec.commandLine(), "--range must be two finite numbers A,B with A < B, got "
                    + Arrays.stream(range).mapToObj(Double::toString).collect(Collectors.joining(",")));
        }
        checks.whole("--points", points, 2, MAX_POINTS);
        checks.whole("--grid", grid, 2, MAX_GRID);
        checks.whole("--samples", samples, 1, Integer.MAX_VALUE);
        if (jobs != null) checks.whole("--jobs", jobs, 1, 256);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * RunSharpness at every snapshot, written by SharpnessCsv. The figure is the Gauss-Newton
     * part of the Hessian's top eigenvalue, not the whole Hessian's (RunSharpness says why), and
     * the summary says so.
     */
    private int sharpness() throws Exception {
        OutputFiles.check(spec, List.of(dir), OutputFiles.named("--out", out));
        Run run = Run.open(dir);
        SharpnessCurve curve = RunSharpness.of(run, new DatasetCatalog(), samples, progressOnStderr());
        OutputFiles.csv(out, SharpnessCsv.of(run.name(), curve));
        PrintWriter console = spec.commandLine().getOut();
        double top = Arrays.stream(curve.sharpness()).filter(Double::isFinite).max().orElse(Double.NaN);
        console.printf(Locale.ROOT, "top Gauss-Newton eigenvalue of run %s at %d snapshots on %d train probe samples: "
                        + "largest %.6g, 2 / lr = %.6g%n", run.name(), curve.steps().length, curve.samples(), top,
                curve.edgeOfStability());
        console.printf(Locale.ROOT, "wrote %s%n", out);
        return 0;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ModelGrid line(Run run, DatasetCatalog catalog, JobMonitor monitor, PrintWriter console) throws Exception {
        Run endRun = toRun == null ? run : Run.open(toRun);
        String start = from != null ? from : toRun != null ? "last" : "init";
        long fromStep = start.trim().equalsIgnoreCase("init") ? initialStep(run) : RunCheckpoint.resolveStep(run, start);
        long toStep = RunCheckpoint.resolveStep(endRun, to != null ? to : "last");
        RunCheckpoint a = RunCheckpoint.open(run, fromStep, catalog);
        RunCheckpoint b = RunCheckpoint.open(endRun, toStep, catalog);
        double[] alphas = LinePath.alphas(range[0], range[1], points);
        LinePath path = RunLine.between(a, b, alphas, samples, monitor, jobs != null ? jobs : NativeBackend.cores());
        CsvTable table = new CsvTable(List.of("a", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "barrier"));
        double[] loss = new double[alphas.length];
        for (int k = 0; k < alphas.length; k++) {
            LinePath.Point p = path.points().get(k);
            loss[k] = p.trainLoss();
            table.row(p.alpha(), p.trainLoss(), p.trainAccuracy(), p.testLoss(), p.testAccuracy(), path.barrier());
        }
        OutputFiles.csv(out, table);
        console.printf(Locale.ROOT, "line from step %d of run %s (train loss %.6g) to step %d of run %s (train loss %.6g): barrier %.6g%n",
                fromStep, run.name(), path.trainAtStart().loss(), toStep, endRun.name(), path.trainAtEnd().loss(), path.barrier());
        return ModelGrid.line(a.parameters(), b.parameters(), alphas, loss);
    }

    /** The initialisation is the snapshot at step 0, which training keeps whenever it keeps any. */
    private static long initialStep(Run run) {
        long[] saved = run.parameterSteps();
        if (saved.length == 0 || saved[0] != 0) {
            throw new IllegalArgumentException("run " + run.name() + " has no snapshot of its initialisation (step 0)"
                    + (saved.length == 0 ? "; train with --snapshots all or sparse" : "; give --from with a step that has one"));
        }
        return 0;
    }

    private PlaneSlice plane(Run run, DatasetCatalog catalog, JobMonitor monitor, PrintWriter console, long started) throws Exception {
        boolean trajectory = plane.equals(TRAJECTORY);
        long at = RunCheckpoint.resolveStep(run, step != null ? step : "last");
        RunCheckpoint checkpoint = RunCheckpoint.open(run, at, catalog);
        long s = seed == null ? 0 : seed;
        PlaneSlice slice = trajectory ? RunPlane.trajectory(checkpoint) : RunPlane.filterNormalized(checkpoint, s);
        double[] xs = PlaneLandscape.axis(slice, 0, grid);
        double[] ys = PlaneLandscape.axis(slice, 1, grid);
        Samples train = checkpoint.samples(samples);
        Samples testSamples = test ? checkpoint.testSamples() : null;
        int workers = jobs != null ? jobs : NativeBackend.cores();
        long gridStarted = System.nanoTime();
        PlaneGrid values = PlaneLandscape.evaluate(checkpoint.forwardModel(), slice, xs, ys, train, testSamples, monitor, g -> {}, workers);
        double gridSeconds = (System.nanoTime() - gridStarted) / 1e9;
        OutputFiles.csv(out, planeTable(slice, values));
        double farthest = 0;
        for (double d : slice.offPlane()) farthest = Math.max(farthest, d);
        console.printf(Locale.ROOT, "%s plane of run %s around step %d%s: %d x %d models on %d train probe samples in %.2f s "
                        + "(%.2f s in all, %d worker%s)%n",
                plane, run.name(), trajectory ? run.parameterSteps()[run.parameterSteps().length - 1] : at,
                trajectory ? "" : ", seeds " + s + " and " + (s + 1), grid, grid, train.size(), gridSeconds,
                (System.nanoTime() - started) / 1e9, workers, workers == 1 ? "" : "s");
        console.printf(Locale.ROOT, "%s%d checkpoints are up to %.4g off the plane%n",
                trajectory ? String.format(Locale.ROOT, "the plane holds %.1f%% of the path; ", 100 * slice.varianceExplained()) : "",
                slice.steps().length, farthest);
        return slice;
    }

    /** Grid rows, then one row per checkpoint placed on the plane; figures of the whole plane repeated on every row. */
    static CsvTable planeTable(PlaneSlice slice, PlaneGrid values) {
        CsvTable table = new CsvTable(List.of("point", "step", "x", "y", "off_plane", "train_loss", "train_accuracy",
                "test_loss", "test_accuracy", "variance_explained"));
        double explained = slice.varianceExplained();
        for (int i = 0; i < values.ys().length; i++) {
            for (int j = 0; j < values.xs().length; j++) {
                table.row("grid", null, values.xs()[j], values.ys()[i], 0.0, values.trainLoss()[i][j], values.trainAccuracy()[i][j],
                        values.testLoss()[i][j], values.testAccuracy()[i][j], explained);
            }
        }
        long[] steps = slice.steps();
        for (int k = 0; k < steps.length; k++) {
            table.row("checkpoint", steps[k], slice.coordinates()[k][0], slice.coordinates()[k][1], slice.offPlane()[k],
                    null, null, null, null, explained);
        }
        return table;
    }

    /** A line on stderr per 10% done, so a long grid shows it is moving without flooding a log. */
    private JobMonitor progressOnStderr() {
        PrintWriter err = spec.commandLine().getErr();
        int[] decile = {-1};
        return new JobMonitor((fraction, stage) -> {
            int d = (int) (fraction * 10);
            if (d > decile[0]) {
                decile[0] = d;
                err.printf(Locale.ROOT, "%3d%%  %s%n", d * 10, stage);
                err.flush();
            }
        });
    }
}
