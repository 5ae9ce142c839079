package org.predspace.cli;

import org.predspace.export.CsvTable;
import org.predspace.export.DistanceCurvesCsv;
import org.predspace.export.DistanceMatrixCsv;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.trajectory.Dendrogram;
import org.predspace.geometry.trajectory.DistanceByProgress;
import org.predspace.geometry.trajectory.Geodesic;
import org.predspace.geometry.trajectory.GroupComparison;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.geometry.trajectory.ProgressGrid;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.Trajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.runs.Run;
import org.predspace.session.LearningRule;
import org.predspace.session.RunState;
import org.predspace.session.SpecGroups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Distances between the trajectories of runs that share a probe set: each run is re-indexed",
                "by progress from ignorance to truth, and two runs are compared by the mean Bhattacharyya",
                "distance of their points of equal progress. Prints the matrix and a complete-linkage dendrogram.",
                "With --agreement, also how well the clusters of the run dendrogram and of the configuration",
                "dendrogram follow a spec field (adjusted Rand index of the cut into one cluster per value).",
                "With --imprinted, runs of different tasks meet in one picture: their imprinted",
                "predictions (every class of the full problem on the shared probe), progress on",
                "the full task's geodesic. --by task then averages over the runs of each task",
                "and draws the task dendrogram; --curves writes the distance against progress."})
final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "2..*", description = "run folders (at least two)")
    List<Path> dirs;
    @Option(names = "--out", paramLabel = "FILE", description = "also write the result: .csv (distance matrix) or .json (matrix, dendrogram, lengths)")
    Path out;
    @Option(names = "--imprinted",
            description = "compare the runs' imprinted predictions (docs/run-format.md), so that runs of different tasks share one picture;"
                    + " a run without them stops the command with a message naming it")
    boolean imprinted;
    @Option(names = "--curves", paramLabel = "FILE.csv",
            description = "also write the trajectory distance against progress: d_B between every two runs at each progress value"
                    + " both reach (columns run_a, run_b, progress, distance); with --by, between every two groups (columns FIELD_a,"
                    + " FIELD_b, progress, distance, pairs: the mean over the pairs of their runs that reach that progress)")
    Path curves;
    @Option(names = "--by", paramLabel = "FIELD",
            description = "also compare groups of runs with the same value of a run.json spec field (e.g. task, architecture):"
                    + " the distance between two groups is the mean over every pair of a run of each (seeds averaged), the"
                    + " ignorance-to-truth geodesic a leaf; prints their matrix, complete-linkage dendrogram and distance against"
                    + " progress. Runs that did not learn stay in (a random-label task is a group too). A run without the field"
                    + " is grouped as \"no FIELD\"; for task, a run with a spec but no task is on the full problem, \"all\"."
                    + " --out then writes the groups' matrix (.csv) or adds them (.json)")
    String by;
    @Option(names = "--grid", paramLabel = "G", defaultValue = "100",
            description = "progress values the runs are resampled at, 2 to " + MAX_GRID + " (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--agreement", paramLabel = "FIELD",
            description = {"cut the run dendrogram, and the configuration dendrogram (runs equal but for the seed, averaged",
                    "over seed pairs, the geodesic a leaf, runs that did not learn left out, as the Compare tab's",
                    "Configurations view), into as many clusters as FIELD has values and print the adjusted Rand",
                    "index of the cut against FIELD: a run.json spec field, e.g. architecture, optimizer, seed"})
    String agreement;
    @Option(names = "--did-not-learn", paramLabel = "ERROR", defaultValue = "0.1",
            description = "with --agreement: runs whose final train error is at least this, or that diverged, are left out of the configurations (default: ${DEFAULT-VALUE})")
    String didNotLearn;

    /** Far finer than any run's checkpoints (a few hundred at most): beyond it a grid only costs memory. */
    static final int MAX_GRID = 10_000;

    @Override
    public Integer call() throws Exception {
        if (grid < 2 || grid > MAX_GRID) throw usage("--grid must be from 2 to " + MAX_GRID + ", got " + grid);
        if (out != null && !(out.toString().endsWith(".csv") || out.toString().endsWith(".json"))) {
            throw usage("--out must end in .csv or .json, got " + out);
        }
        if (curves != null && !curves.toString().endsWith(".csv")) throw usage("--curves must end in .csv, got " + curves);
        if (by != null && by.isBlank()) throw usage("--by needs a spec field, e.g. --by task");
        LearningRule rule = learningRule();
        OutputFiles.check(spec, dirs, OutputFiles.named("--out", out, "--curves", curves));
        RunCollection runs = RunCollection.open(dirs, imprinted);
        ClusterAgreementReport report = agreementReport(runs, rule);
        GroupReport groups = groupReport(runs);
        requireMemoryFor(runs);
        Progress progress = Progress.ignoranceToTruth(runs.shape(), runs.labels());
        ProgressGrid progressGrid = ProgressGrid.evenly(grid);
        List<Trajectory> trajectories = new ArrayList<>();
        List<ReindexedTrajectory> reindexed = new ArrayList<>();
        for (Run r : runs.runs()) {
            List<SqrtProbabilities> points = runs.points(r).stream().map(RunCollection.Point::sqrt).toList();
            Trajectory t = Trajectory.of(r.name(), points, progress);
            trajectories.add(t);
            reindexed.add(t.reindex(progressGrid));
        }
        TrajectoryComparison comparison = TrajectoryComparison.of(reindexed, Parallelism.allCores());
        Dendrogram dendrogram = comparison.dendrogram();
        PrintWriter w = spec.commandLine().getOut();
        if (imprinted) {
            w.println("imprinted predictions: " + runs.shape().classes() + " classes of the full problem on the shared probe "
                    + runs.shape().probeId() + " (" + runs.shape().samples() + " samples); progress on the full task's geodesic");
        }
        print(w, comparison, dendrogram, trajectories);
        ReindexedTrajectory geodesic = Geodesic.ignoranceToTruth(runs.shape(), runs.labels())
                .reindexed(ClusterAgreementReport.GEODESIC, progressGrid);
        if (report != null) report.print(w, comparison, reindexed, geodesic);
        GroupComparison grouped = groups == null ? null : groups.compare(comparison, reindexed, geodesic);
        if (groups != null) groups.print(w, grouped);
        if (out != null) {
            if (out.toString().endsWith(".csv")) writeCsv(grouped == null ? comparison : grouped.comparison());
            else writeJson(comparison, dendrogram, trajectories, groups, grouped);
        }
        if (curves != null) {
            CsvTable table = grouped != null ? DistanceCurvesCsv.of(grouped.curves(), groups.field(), "progress", true)
                    : DistanceCurvesCsv.of(runPairCurves(reindexed), "run", "progress", false);
            OutputFiles.csv(curves, table);
        }
        return 0;
    }

    /** d_B against progress between every two runs, (0, 1), (0, 2), ..., (1, 2), ... */
    static List<DistanceByProgress> runPairCurves(List<ReindexedTrajectory> reindexed) {
        List<DistanceByProgress> out = new ArrayList<>();
        for (int i = 0; i < reindexed.size(); i++) {
            for (int j = i + 1; j < reindexed.size(); j++) out.add(DistanceByProgress.between(reindexed.get(i), reindexed.get(j)));
        }
        return out;
    }

    /** Null without --by; a usage error when no run has the field. */
    private GroupReport groupReport(RunCollection runs) {
        if (by == null) return null;
        try {
            return new GroupReport(SpecGroups.of(by, runs.runs().stream().map(RunState::saved).toList()));
        } catch (IllegalArgumentException e) {
            throw usage("--by: " + e.getMessage());
        }
    }

    private LearningRule learningRule() {
        try {
            return LearningRule.parse(didNotLearn);
        } catch (IllegalArgumentException e) {
            throw usage("--did-not-learn: " + e.getMessage());
        }
    }

    /** Null without --agreement; a usage error when no run has the field. */
    private ClusterAgreementReport agreementReport(RunCollection runs, LearningRule rule) {
        if (agreement == null) return null;
        try {
            return new ClusterAgreementReport(agreement, rule, runs.runs().stream().map(RunState::saved).toList());
        } catch (IllegalArgumentException e) {
            throw usage("--agreement: " + e.getMessage());
        }
    }

    /**
     * Each run re-indexed holds up to one point (N x C floats) per grid value; refused up front
     * when that would not fit in half the heap, rather than failing with OutOfMemoryError.
     */
    private void requireMemoryFor(RunCollection runs) {
        long bytes = (long) grid * runs.shape().samples() * runs.shape().classes() * Float.BYTES * runs.runs().size();
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (bytes > budget) {
            long fits = budget / (bytes / grid);
            String size = bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%d MB", bytes / 1_000_000);
            throw usage(String.format(Locale.ROOT, "--grid %d needs about %s for %d runs of %d probe samples; %s"
                    + "give Java more memory (-Xmx)", grid, size, runs.runs().size(), runs.shape().samples(),
                    fits >= 2 ? "use --grid " + fits + " or less, or " : ""));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void print(PrintWriter w, TrajectoryComparison c, Dendrogram d, List<Trajectory> trajectories) {
        List<String> names = c.runs();
        w.println("runs:");
        for (int i = 0; i < names.size(); i++) {
            Trajectory t = trajectories.get(i);
            double[] p = t.progress();
            w.printf(Locale.ROOT, "  [%d] %s  (progress %.3f -> %.3f, Riemannian length %.3f)%n", i, names.get(i),
                    p[0], p[p.length - 1], t.riemannianLength());
        }
        w.println("trajectory distances (mean d_B over the common progress range):");
        printMatrix(w, c);
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (!Double.isInfinite(c.distance(i, j))) continue;
                w.printf(Locale.ROOT, "  [%d] and [%d] are not comparable (inf): they share no progress, %s against %s%n",
                        j, i, range(trajectories.get(j)), range(trajectories.get(i)));
            }
        }
        w.println("complete-linkage dendrogram:");
        w.println(d.render());
    }

    /** The matrix with the entries' indices as row and column heads, inf where two cannot be compared. */
    static void printMatrix(PrintWriter w, TrajectoryComparison c) {
        List<String> names = c.runs();
        StringBuilder header = new StringBuilder("      ");
        for (int j = 0; j < names.size(); j++) header.append(String.format(Locale.ROOT, "%9s", "[" + j + "]"));
        w.println(header);
        for (int i = 0; i < names.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6s", "[" + i + "]"));
            for (int j = 0; j < names.size(); j++) {
                double distance = c.distance(i, j);
                row.append(Double.isInfinite(distance) ? String.format(Locale.ROOT, "%9s", "inf") : String.format(Locale.ROOT, "%9.4f", distance));
            }
            w.println(row);
        }
    }

    private static String range(Trajectory t) {
        double[] p = t.progress();
        double lo = p[0];
        double hi = p[0];
        for (double v : p) hi = Math.max(hi, v);
        return String.format(Locale.ROOT, "%.3f -> %.3f", lo, hi);
    }

    private void writeCsv(TrajectoryComparison c) throws Exception {
        OutputFiles.csv(out, DistanceMatrixCsv.of(c.runs(), c.distances()));
    }

    private void writeJson(TrajectoryComparison c, Dendrogram d, List<Trajectory> trajectories, GroupReport groups,
                           GroupComparison grouped) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runs", c.runs());
        json.put("distances", c.distances());
        json.put("dendrogram", dendrogramJson(d));
        json.put("riemannian_length", trajectories.stream().map(Trajectory::riemannianLength).toList());
        if (grouped != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("field", groups.field());
            g.put("groups", grouped.comparison().runs());
            g.put("members", groups.members());
            g.put("distances", grouped.comparison().distances());
            g.put("dendrogram", dendrogramJson(grouped.comparison().dendrogram()));
            json.put("by", g);
        }
        OutputFiles.json(out, json);
    }

    private static Map<String, Object> dendrogramJson(Dendrogram d) {
        List<Map<String, Object>> merges = new ArrayList<>();
        for (Dendrogram.Merge m : d.merges()) {
            merges.add(Map.of("left", m.left(), "right", m.right(), "height", m.height(), "size", m.size()));
        }
        return Map.of("linkage", "complete", "merges", merges, "leaf_order", d.leafOrder());
    }
}
