package org.predspace.cli;

import org.predspace.export.CsvTable;
import org.predspace.geometry.distance.Anchors;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.inpca.Embedding;
import org.predspace.geometry.inpca.InPca;
import org.predspace.geometry.inpca.LandmarkEmbedding;
import org.predspace.geometry.inpca.LandmarkInPca;
import org.predspace.geometry.trajectory.Geodesic;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embed every checkpoint of the given runs by intensive PCA of their Bhattacharyya distances.",
                "The runs must share one probe set. Writes run,step,progress,x1..xK per checkpoint."})
final class EmbedCommand implements Callable<Integer> {
    enum AnchorChoice { ends, none }

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "run folders")
    List<Path> dirs;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "coordinates CSV")
    Path out;
    @Option(names = "--dims", paramLabel = "K", defaultValue = "3",
            description = "coordinates written per point (default: ${DEFAULT-VALUE}); eigenvalues and stress are reported for max(K, 10) axes")
    int dims;
    @Option(names = "--anchors", paramLabel = "A", defaultValue = "ends",
            description = "ends: embed ignorance (uniform) and truth (labels) too, written as two extra rows; none (default: ${DEFAULT-VALUE})")
    AnchorChoice anchors;
    @Option(names = "--landmarks", paramLabel = "L",
            description = "landmark InPCA: embed L stratified landmarks exactly, place the rest out of sample (for large collections)")
    Integer landmarks;
    @Option(names = "--stats", paramLabel = "FILE", description = "statistics JSON: m, N, C, eigenvalues, stress, seconds")
    Path stats;
    @Option(names = "--imprinted",
            description = "embed the runs' imprinted predictions (all classes of the full problem on the shared probe), where runs of every task meet")
    boolean imprinted;
    @Option(names = "--geodesic", paramLabel = "FILE",
            description = "also write the ignorance-to-truth geodesic, 100 points placed out of sample: t,x1..xK")
    Path geodesic;

    @Override
    public Integer call() throws Exception {
        if (dims < 1) throw usage("--dims must be at least 1, got " + dims);
        if (landmarks != null && landmarks < Math.max(2, dims)) {
            throw usage("--landmarks " + landmarks + " is too few: the landmarks span the picture's axes, so give at least "
                    + Math.max(2, dims) + (dims >= 2 ? " (--dims " + dims + ")" : ""));
        }
        OutputFiles.check(spec, dirs, OutputFiles.named("--out", out, "--stats", stats, "--geodesic", geodesic));
        long start = System.nanoTime();
        RunCollection runs = open();
        List<RunCollection.Point> checkpoints = runs.points();
        List<SqrtProbabilities> points = new ArrayList<>();
        checkpoints.forEach(p -> points.add(p.sqrt()));
        if (anchors == AnchorChoice.ends) {
            points.add(Anchors.ignorance(runs.shape()));
            points.add(Anchors.truth(runs.shape(), runs.labels()));
        }
        // the landmarks' own InPCA has as many axes as landmarks at most
        int axes = Math.min(Math.max(dims, InPca.DEFAULT_AXES), landmarks == null ? points.size() : Math.min(landmarks, points.size()));
        if (dims > axes) throw usage("--dims " + dims + " exceeds the " + points.size() + " points embedded");

        Geodesic path = Geodesic.ignoranceToTruth(runs.shape(), runs.labels());
        List<SqrtProbabilities> geodesicPoints = path.points(Geodesic.DRAWN_POINTS);
        double[][] geodesicCoords = new double[geodesicPoints.size()][];
        double[][] coords;
        double[] eigenvalues;
        double[] stress;
        long logs;
        String method;
        if (landmarks != null) {
            LandmarkInPca.Settings settings = LandmarkInPca.Settings.defaults().withLandmarks(landmarks);
            settings = new LandmarkInPca.Settings(settings.landmarks(), axes, settings.choice(), settings.poolFactor(),
                    settings.parallelism());
            LandmarkEmbedding e = LandmarkInPca.embed(new PointListSource(runs.shape(), points), settings);
            for (int g = 0; g < geodesicPoints.size(); g++) geodesicCoords[g] = e.place(geodesicPoints.get(g));
            coords = e.coordinates();
            eigenvalues = e.eigenvalues();
            stress = e.explainedStress();
            logs = -1;
            method = "landmark";
        } else {
            DistanceMatrix d = DistanceMatrix.of(points, Parallelism.allCores());
            Embedding e = InPca.embed(d, axes);
            for (int g = 0; g < geodesicPoints.size(); g++) {
                geodesicCoords[g] = e.place(d.distancesFrom(geodesicPoints.get(g)));
            }
            coords = e.coordinates();
            eigenvalues = e.eigenvalues();
            stress = e.explainedStress();
            logs = d.logsComputed();
            method = "full";
        }

        Progress progress = Progress.ignoranceToTruth(runs.shape(), runs.labels());
        writeCoordinates(checkpoints, coords, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (geodesic != null) writeGeodesic(geodesicCoords);
        if (stats != null) {
            writeStats(runs, points.size(), eigenvalues, stress, seconds, logs, method);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "embedded %d points (%d runs) in %.2f s; stress S1..S3 = %s; wrote %s%n",
                points.size(), runs.runs().size(), seconds, leading(stress, 3), out);
        return 0;
    }

    /** The runs, or their imprinted views; runs without imprinted predictions are all named in one line. */
    private RunCollection open() throws Exception {
        if (!imprinted) return RunCollection.open(dirs);
        try {
            return RunCollection.open(dirs, true);
        } catch (RunFormatException e) {
            List<String> without = new ArrayList<>();
            for (Path d : dirs) {
                try {
                    Run r = Run.open(d);
                    if (!r.hasImprinted()) without.add(r.name());
                } catch (RunFormatException unreadable) {
                    throw e;
                }
            }
            if (without.isEmpty()) throw e;
            throw usage((without.size() == 1 ? without.get(0) + " has" : without.size() + " runs have") + " no imprinted predictions, "
                    + "so --imprinted cannot draw " + (without.size() == 1 ? "it" : "them: " + String.join(", ", without))
                    + " (written without them; embed them without --imprinted)");
        }
    }

    private void writeCoordinates(List<RunCollection.Point> checkpoints, double[][] coords, Progress progress) throws Exception {
        CsvTable table = new CsvTable(axesHeader(List.of("run", "step", "progress")));
        for (int i = 0; i < checkpoints.size(); i++) {
            RunCollection.Point p = checkpoints.get(i);
            table.row(row(p.run(), p.step(), progress.of(p.sqrt()), coords[i]));
        }
        if (anchors == AnchorChoice.ends) {
            // anchors have no training step: the field is left empty
            table.row(row(Anchors.IGNORANCE, null, 0.0, coords[checkpoints.size()]));
            table.row(row(Anchors.TRUTH, null, 1.0, coords[checkpoints.size() + 1]));
        }
        OutputFiles.csv(out, table);
    }

    private void writeGeodesic(double[][] coords) throws Exception {
        CsvTable table = new CsvTable(axesHeader(List.of("t")));
        for (int g = 0; g < coords.length; g++) {
            List<Object> row = new ArrayList<>(List.of(g / (double) (coords.length - 1)));
            for (int k = 0; k < dims; k++) row.add(coords[g][k]);
            table.row(row.toArray());
        }
        OutputFiles.csv(geodesic, table);
    }

    private List<String> axesHeader(List<String> first) {
        List<String> header = new ArrayList<>(first);
        for (int k = 1; k <= dims; k++) header.add("x" + k);
        return header;
    }

    private Object[] row(String run, Long step, double progress, double[] x) {
        List<Object> row = new ArrayList<>();
        row.add(run);
        row.add(step);
        row.add(progress);
        for (int k = 0; k < dims; k++) row.add(x[k]);
        return row.toArray();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void writeStats(RunCollection runs, int m, double[] eigenvalues, double[] stress, double seconds, long logs,
                            String method) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("m", m);
        s.put("N", runs.shape().samples());
        s.put("C", runs.shape().classes());
        s.put("runs", runs.runs().size());
        s.put("probe_id", runs.shape().probeId());
        s.put("method", method);
        if (landmarks != null) s.put("landmarks", Math.min(landmarks, m));
        s.put("anchors", anchors.name());
        s.put("eigenvalues", eigenvalues);
        List<Integer> timeLike = new ArrayList<>();
        for (int k = 0; k < eigenvalues.length; k++) if (eigenvalues[k] < 0) timeLike.add(k + 1);
        s.put("time_like_axes", timeLike);
        s.put("stress", stress);
        if (logs >= 0) s.put("logs_computed", logs);
        s.put("seconds", seconds);
        OutputFiles.json(stats, s);
    }

    private static String leading(double[] v, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, v.length); i++) b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v[i]));
        return b.toString();
    }
}
