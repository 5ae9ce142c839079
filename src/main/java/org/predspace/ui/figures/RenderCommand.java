package org.predspace.ui.figures;

import javafx.scene.image.WritableImage;
import org.predspace.cli.OutputFiles;
import org.predspace.data.DatasetCatalog;
import org.predspace.export.DrawnCoordinatesCsv;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunFormatException;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.RunState;
import org.predspace.ui.Colouring;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.CameraPose;
import org.predspace.ui.view3d.PredictionView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code render}: the explorer's 3D picture of some runs, drawn offscreen into a PNG for a paper
 * or a slide. It is the window's own view ({@link PredictionView} over an {@link ExplorerModel}
 * that opens the runs), so the figure has the same colours, axes, labels and legend; it is
 * taken once every run is loaded and the eigendecomposition covers all their checkpoints.
 *
 * <p>It lives in the UI layer because it needs JavaFX; {@code org.predspace.Main} adds it to
 * the command line.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw the 3D InPCA picture of the runs into a PNG, as the explorer shows it (offscreen, no window).",
                "Needs a display; on a machine without one use a virtual display:",
                "  xvfb-run -a -s \"-screen 0 1600x1000x24\" \\",
                "    java -Dprism.forceGPU=true -jar target/predspace.jar render RUN_DIR... --out fig.png"},
        footer = {"", "Example: render sample-runs --out fig.png --color-by optimizer --dims 1,2,4 --width 3840 --height 2160"})
public final class RenderCommand implements Callable<Integer> {
    static final Duration PATIENCE = Duration.ofMinutes(10);

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "run folders, or folders of runs (a sweep's output folder)")
    List<Path> dirs;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the PNG to write (replaced if it exists)")
    Path out;
    @Option(names = "--coordinates", paramLabel = "FILE",
            description = {"also write the drawn points' InPCA coordinates as CSV: run, step, progress and the drawn axes x_k,",
                    "in embed's units (equal to embed's up to the sign of each axis), then each axis's eigenvalue and stress share"})
    Path coordinates;
    @Option(names = "--width", paramLabel = "W", defaultValue = "1920", description = "pixels, up to 3840 (default: ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--height", paramLabel = "H", defaultValue = "1080", description = "pixels, up to 2160 (default: ${DEFAULT-VALUE})")
    int height;
    @Option(names = {"--color-by", "--colour-by"}, paramLabel = "X", defaultValue = "architecture", converter = PictureOptions.ColouringName.class,
            description = "run, architecture, optimizer, learning-rate, seed, progress, train-accuracy or step (default: ${DEFAULT-VALUE})")
    Colouring colouring;
    @Option(names = "--dims", paramLabel = "A,B,C", defaultValue = "1,2,3", converter = PictureOptions.AxisNumbers.class,
            description = "the three InPCA axes drawn as x,y,z, numbered 1 to 10 by |eigenvalue| (default: ${DEFAULT-VALUE})")
    PictureOptions.Axes axes;
    @Option(names = "--probe", paramLabel = "P", defaultValue = "training", converter = PictureOptions.ProbeName.class,
            description = "training, held-out or imprinted (all classes of the full problem, where runs of every task meet): the picture of predictions on which probe set (default: training)")
    ExplorerSession.Probe probe;
    @Option(names = "--pose", paramLabel = "PITCH,YAW,DISTANCE", converter = PictureOptions.Pose.class,
            description = "camera: tilt and turn in degrees, distance in scene units (the picture spans about 1000; default: -22,-35,1450)")
    CameraPose pose;
    @Option(names = "--point-size", paramLabel = "S", defaultValue = "1.0", description = "marker and line size, 0.1 to 5 (default: ${DEFAULT-VALUE})")
    double pointSize;
    @Option(names = "--no-trajectories", description = "markers only, no lines between a run's checkpoints")
    boolean noTrajectories;
    @Option(names = "--up-to-step", paramLabel = "STEP", description = "draw each run only up to this training step")
    Long upToStep;
    @Option(names = "--dark", description = "dark background (for slides)")
    boolean dark;
    @Option(names = "--scale", paramLabel = "K",
            description = "size of text and legend, 0.25 to 4 (default: 1 up to 720 pixels high, height/720 above: 1.5 at 1080)")
    Double scale;

    @Override
    public Integer call() throws Exception {
        FigureSize size = figureSize();
        if (!(pointSize >= 0.1 && pointSize <= 5)) throw usage("--point-size must be from 0.1 to 5, got " + pointSize);
        if (upToStep != null && upToStep < 0) throw usage("--up-to-step must be 0 or more, got " + upToStep);
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) throw usage("--out must name a .png file, got " + out);
        List<Path> runs = findRuns();
        OutputFiles.check(spec, runs, OutputFiles.named("--out", out, "--coordinates", coordinates));

        FxPlatform.start();
        long start = System.nanoTime();
        Drawn drawn = draw(runs, size);
        if (axes.largest() >= drawn.frame.axes()) {
            throw usage("--dims " + axes + ": this picture has only " + drawn.frame.axes() + " axes (one fewer than its points at most)");
        }
        PngFile.write(drawn.image, out);
        if (coordinates != null) {
            OutputFiles.csv(coordinates, DrawnCoordinatesCsv.of(drawn.frame, new int[] {axes.x(), axes.y(), axes.z()},
                    upToStep == null ? Long.MAX_VALUE : upToStep));
        }
        for (String note : drawn.notes) spec.commandLine().getErr().println("note: " + note + " (--probe imprinted draws them)");
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s, %d runs, %d checkpoints, %s picture coloured by %s, axes %s (%.1f s)%n",
                out, size, drawn.frame.runs().size(), drawn.frame.size() - 2, probe.pictureName().toLowerCase(Locale.ROOT),
                colouring, axes, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private FigureSize figureSize() {
        try {
            return scale == null ? FigureSize.of(width, height) : new FigureSize(width, height, scale);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The run folders named, each folder of runs replaced by the runs in it. */
    private List<Path> findRuns() throws IOException {
        List<Path> runs = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) throw usage("no such folder: " + d);
            List<Path> found = RunFolders.find(d);
            if (found.isEmpty()) throw usage("no run in " + d + ": a run folder holds a run.json");
            for (Path f : found) {
                Path run = f.toAbsolutePath().normalize();   // a run named twice (a folder and its sweep) is drawn once
                if (!runs.contains(run)) runs.add(run);
            }
        }
        return runs;
    }

    /** @param notes runs asked for that this picture leaves out because they are another task's (see {@link #complete}) */
    private record Drawn(WritableImage image, PictureFrame frame, List<String> notes) {}

    /**
     * Opens the runs one after the other, in the order given, with every eigendecomposition on
     * this thread: the picture's points, axes and their signs then come out the same on every
     * run of the command (the window opens folders in parallel and refreshes in the background,
     * so its axes depend on what arrived first).
     */
    private Drawn draw(List<Path> runs, FigureSize size) throws Exception {
        ExplorerSession session = new ExplorerSession(LiveEmbedding.Settings.defaults().inForeground(), 1);
        ExplorerModel model = FxPlatform.call(() -> new ExplorerModel(session, new DatasetCatalog(), out.toAbsolutePath().getParent()));
        AtomicBoolean opened = new AtomicBoolean();
        try {
            OffscreenPicture picture = FxPlatform.call(() -> {
                applyTo(model);
                return new OffscreenPicture(model, pose == null ? CameraPose.DEFAULT : pose, size);
            });
            CompletableFuture<WritableImage> image = FxPlatform.call(
                    () -> picture.snapshotWhen(() -> opened.get() && complete(model, picture.view()), PATIENCE));
            try {
                for (Path dir : runs) open(session, dir);
                session.picture(ExplorerSession.Probe.TRAINING).refresh();
                session.picture(ExplorerSession.Probe.HELD_OUT).refresh();
                session.picture(ExplorerSession.Probe.IMPRINTED).refresh();
            } catch (Exception | Error e) {
                FxPlatform.call(() -> {
                    picture.cancel();
                    return null;
                });
                throw e;
            }
            opened.set(true);
            WritableImage taken = FxPlatform.unwrap(image);
            return new Drawn(taken, FxPlatform.call(() -> model.picture().frame()), FxPlatform.call(() -> model.problems().stream()
                    .filter(m -> m.contains(ExplorerSession.IMPRINTED_ONLY) && model.probeProperty().get() != ExplorerSession.Probe.IMPRINTED)
                    .toList()));
        } finally {
            FxPlatform.call(() -> {
                model.shutdown();
                return null;
            });
        }
    }

    private static void open(ExplorerSession session, Path dir) {
        try {
            session.open(dir);
        } catch (RunFormatException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot draw " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What the window's controls would set. */
    private void applyTo(ExplorerModel model) {
        model.showProbe(probe);
        model.colourBy(colouring);
        model.setAxes(new int[] {axes.x(), axes.y(), axes.z()});
        model.setPointSize(pointSize);
        model.showTrajectories(!noTrajectories);
        model.useDarkTheme(dark);
        if (upToStep != null) model.showUpToStep(upToStep);
    }

    /**
     * Whether the picture of the opened runs is final: the run states have reached the model,
     * the eigendecomposition covers every point (none placed out of sample), the geodesic is
     * placed in that basis, and the view has drawn that frame. A problem reported on the way
     * (a run that cannot join the picture) ends the wait with its message.
     */
    static boolean complete(ExplorerModel model, PredictionView view) {
        for (String problem : model.problems()) {
            // runs of other tasks are on probes of their own: only the imprinted picture must hold them all;
            // and what the imprinted picture cannot hold matters to it alone
            // (a run of another task is drawn in the imprinted picture only: said as a note, see call)
            boolean imprinted = model.probeProperty().get() == ExplorerSession.Probe.IMPRINTED;
            boolean elsewhere = problem.contains(ExplorerSession.IMPRINTED_ONLY)
                    || !imprinted && problem.contains(ExplorerSession.LEFT_OUT_OF_IMPRINTED);
            if (!elsewhere) throw new IllegalStateException(problem);
        }
        List<RunState> runs = model.session().runs();
        if (model.runs().size() < runs.size()) return false;
        for (RunState r : runs) {
            if (model.run(r.name()) == null || model.run(r.name()).state().metrics().size() < r.metrics().size()) return false;
        }
        PictureFrame f = model.picture().frame();
        if (f.size() == 0) {
            throw new IllegalStateException(switch (model.probeProperty().get()) {
                case HELD_OUT -> "no run has held-out predictions to draw; use --probe training";
                case IMPRINTED -> "no run has imprinted predictions to draw; use --probe training";
                case TRAINING -> "the runs have nothing to draw";
            });
        }
        return f.embedding().exactPoints() == f.size() && f.geodesicCurrent() && view.drawnFrame() != null
                && view.drawnFrame().version() == f.version();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
