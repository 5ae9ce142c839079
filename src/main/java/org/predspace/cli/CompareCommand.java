package org.predspace.cli;

import org.predspace.geometry.Dendrogram;
import org.predspace.geometry.Parallelism;
import org.predspace.geometry.Progress;
import org.predspace.geometry.ProgressGrid;
import org.predspace.geometry.ReindexedTrajectory;
import org.predspace.geometry.SqrtProbabilities;
import org.predspace.geometry.Trajectory;
import org.predspace.geometry.TrajectoryComparison;
import org.predspace.runs.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
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
                "distance of their points of equal progress. Prints the matrix and a complete-linkage dendrogram."})
final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "2..*", description = "run folders (at least two)")
    List<Path> dirs;
    @Option(names = "--out", paramLabel = "FILE", description = "also write the result: .csv (distance matrix) or .json (matrix, dendrogram, lengths)")
    Path out;
    @Option(names = "--grid", paramLabel = "G", defaultValue = "100",
            description = "progress values the runs are resampled at (default: ${DEFAULT-VALUE})")
    int grid;

    @Override
    public Integer call() throws Exception {
        if (grid < 2) throw new IllegalArgumentException("--grid must be at least 2, got " + grid);
        if (out != null && !(out.toString().endsWith(".csv") || out.toString().endsWith(".json"))) {
            throw new IllegalArgumentException("--out must end in .csv or .json, got " + out);
        }
        RunCollection runs = RunCollection.open(dirs);
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
        print(spec.commandLine().getOut(), comparison, dendrogram, trajectories);
        if (out != null) {
            if (out.toString().endsWith(".csv")) writeCsv(comparison);
            else writeJson(comparison, dendrogram, trajectories);
        }
        return 0;
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
        StringBuilder header = new StringBuilder("      ");
        for (int j = 0; j < names.size(); j++) header.append(String.format(Locale.ROOT, "%9s", "[" + j + "]"));
        w.println(header);
        for (int i = 0; i < names.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6s", "[" + i + "]"));
            for (int j = 0; j < names.size(); j++) row.append(String.format(Locale.ROOT, "%9.4f", c.distance(i, j)));
            w.println(row);
        }
        w.println("complete-linkage dendrogram:");
        w.println(d.render());
    }

    private void writeCsv(TrajectoryComparison c) throws Exception {
        try (BufferedWriter w = OutputFiles.text(out)) {
            StringBuilder header = new StringBuilder("run");
            for (String n : c.runs()) header.append(',').append(RunCollection.csv(n));
            w.write(header.append('\n').toString());
            for (int i = 0; i < c.runs().size(); i++) {
                StringBuilder row = new StringBuilder(RunCollection.csv(c.runs().get(i)));
                for (int j = 0; j < c.runs().size(); j++) row.append(',').append(c.distance(i, j));
                w.write(row.append('\n').toString());
            }
        }
    }

    private void writeJson(TrajectoryComparison c, Dendrogram d, List<Trajectory> trajectories) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runs", c.runs());
        json.put("distances", c.distances());
        List<Map<String, Object>> merges = new ArrayList<>();
        for (Dendrogram.Merge m : d.merges()) {
            merges.add(Map.of("left", m.left(), "right", m.right(), "height", m.height(), "size", m.size()));
        }
        json.put("dendrogram", Map.of("linkage", "complete", "merges", merges, "leaf_order", d.leafOrder()));
        json.put("riemannian_length", trajectories.stream().map(Trajectory::riemannianLength).toList());
        OutputFiles.json(out, json);
    }
}
