package org.predspace.ui.figures;

import javafx.scene.chart.XYChart;
import javafx.scene.control.Dialog;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.FxWindow;
import org.predspace.ui.MainWindow;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.charts.MarkedLineChart;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every chart export of the main window: PNG at slide sizes, SVG, the clipboard, from the
 * context menus and File > Export, read back as other programs would read them.
 */
@Tag("ui")
class ChartExportTest {
    static final int CHECKPOINTS = 8;
    /** Three synthetic runs (identical metrics, so their curves coincide) and one with its own metrics and an awkward name. */
    static final String GAPPY = "gappy, \"odd\" run";
    static final List<String> NAMES = List.of("run-0", "run-1", "run-2", GAPPY);
    static final int RUNS = NAMES.size();
    private ExplorerModel model;
    private MainWindow window;
    private Exports exports;
    private List<Path> dirs;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> {
        model = shown.model();
        window = shown.window();
        exports = Exports.of(window);
    });

    static <T> T onFx(Callable<T> c) throws Exception { return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS); }

    /** Opens the runs ({@link #NAMES}) and waits until the curves show every run. */
    private void openRuns(FxRobot robot) throws Exception {
        dirs = new ArrayList<>(TestRuns.writeSynthetic(fx.tmp(), RUNS - 1, CHECKPOINTS));
        dirs.add(PanelFixtures.writeWithGaps(fx.tmp(), GAPPY, CHECKPOINTS));
        PanelFixtures.openAndWait(model, dirs);
        // both charts, and every checkpoint of the synthetic runs: the curves grow as run states arrive
        for (String id : List.of("#loss-chart", "#accuracy-chart")) {
            // looked up on the FX thread: the charts' children change while run states arrive, and a
            // lookup from the test thread raced that (IndexOutOfBoundsException in Parent.lookupAll on CI)
            MarkedLineChart chart = onFx(() -> robot.lookup(id).queryAs(MarkedLineChart.class));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> chart.getData().size() == 2 * RUNS
                    && chart.getData().stream().allMatch(s -> s.getData().size() >= CHECKPOINTS / 2 && s.getNode() != null
                            && (!s.getName().startsWith("run-") || s.getData().size() == CHECKPOINTS))));
        }
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    private Figure chart(String tab, String name) throws Exception {
        return onFx(() -> {
            FigureSource source = (FigureSource) window.panels().getTabs().stream()
                    .filter(t -> t.getText().equals(tab)).findFirst().orElseThrow().getContent();
            return source.charts().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        });
    }

    private Color colour(String run) throws Exception { return onFx(() -> model.run(run).colour()); }

    @Test
    void curvesChartIsAPngOfExactlyTheRequestedSizeInTheRunsColours(FxRobot robot) throws Exception {
        openRuns(robot);
        Figure loss = chart("Curves", "curves-loss");
        double onScreenWidth = onFx(() -> loss.node().getWidth());
        List<String> notices = new CopyOnWriteArrayList<>();
        model.setNoticeSink(notices::add);
        for (ImageSize size : List.of(new ImageSize(1280, 720), new ImageSize(3840, 2160))) {
            Path file = fx.tmp().resolve("loss-" + size.width() + ".png");
            assertTrue(onFx(() -> exports.savePng(loss, file, size)), () -> model.problems().toString());
            assertTrue(notices.get(notices.size() - 1).startsWith("Saved " + file.getFileName() + " (" + size.width() + " x "),
                    "the user is told where the figure went: " + notices);
            keep(file);
            BufferedImage image = FigureFiles.png(file);
            assertEquals(size.width(), image.getWidth());
            assertEquals(size.height(), image.getHeight());
            int gappy = FigureFiles.pixelsNear(image, colour(GAPPY));
            assertTrue(gappy > size.width() / 4, "the gappy run's curves: only " + gappy + " pixels in its colour at " + size);
            // the synthetic runs' curves coincide: whichever is drawn last covers the others
            int synthetic = 0;
            for (String run : NAMES.subList(0, 3)) synthetic = Math.max(synthetic, FigureFiles.pixelsNear(image, colour(run)));
            assertTrue(synthetic > size.width() / 4, "the synthetic runs' curves: only " + synthetic + " pixels at " + size);
        }
        // the window is as it was: the chart went back to its place and size
        assertEquals(onScreenWidth, onFx(() -> loss.node().getWidth()), 0.5);
        assertTrue(onFx(() -> loss.node().isManaged()));
    }

    @Test
    void curvesChartIsAnSvgWithEveryCheckpointAndTheAxisLabels(FxRobot robot) throws Exception {
        openRuns(robot);
        Figure accuracy = chart("Curves", "curves-accuracy");
        Path file = fx.tmp().resolve("accuracy.svg");
        assertTrue(onFx(() -> exports.saveSvg(accuracy, file, new ImageSize(1600, 900))), () -> model.problems().toString());
        keep(file);
        Document svg = FigureFiles.svg(file);
        Element root = svg.getDocumentElement();
        assertEquals("1600", root.getAttribute("width"));
        assertEquals("900", root.getAttribute("height"));
        String[] box = root.getAttribute("viewBox").split(" ");
        assertEquals(1600 / 900.0, Double.parseDouble(box[2]) / Double.parseDouble(box[3]), 0.01, "the view box has the image's shape");
        for (String run : List.of("run-0", "run-1", "run-2")) {
            List<Element> lines = FigureFiles.seriesPaths(svg, colour(run));
            assertEquals(2, lines.size(), run + ": train and test accuracy");
            for (Element line : lines) {
                assertEquals(CHECKPOINTS, FigureFiles.points(line), run + ": a point per checkpoint");
                assertTrue(FigureFiles.insideViewBox(svg, line), run + ": the curve lies on the page");
            }
            // held-out accuracy is dashed, as on screen
            assertEquals(1, lines.stream().filter(l -> !l.getAttribute("stroke-dasharray").isEmpty()).count());
        }
        List<String> texts = FigureFiles.texts(svg);
        for (String label : List.of("0", "20", "40", "60", "80", "100", "accuracy (%)", "step (log scale)")) {
            assertTrue(texts.contains(label), "axis text '" + label + "' missing from " + texts);
        }
    }

    @Test
    void copyFromAChartsContextMenuPutsItsImageOnTheClipboard(FxRobot robot) throws Exception {
        openRuns(robot);
        Figure loss = chart("Curves", "curves-loss");
        robot.interact(() -> Clipboard.getSystemClipboard().clear());
        robot.rightClickOn(loss.node());
        robot.clickOn("Copy");
        WaitForAsyncUtils.waitForFxEvents(5);
        ImageSize expected = onFx(() -> Exports.clipboardSize(loss));
        assertEquals(Math.round(2 * onFx(() -> loss.node().getWidth())), expected.width());
        Image copied = onFx(() -> Clipboard.getSystemClipboard().getImage());
        assertNotNull(copied, "no image on the clipboard");
        assertEquals(expected.width(), copied.getWidth(), 0.5);
        assertEquals(expected.height(), copied.getHeight(), 0.5);
        assertTrue(onFx(() -> model.selectedCheckpoint()) == null, "the right click did not select a checkpoint");
    }

    @Test
    void copyPicturePutsTheOnScreen3dViewOnTheClipboard(FxRobot robot) throws Exception {
        openRuns(robot);
        robot.interact(() -> Clipboard.getSystemClipboard().clear());
        assertTrue(onFx(() -> exports.copyPicture()));
        Image copied = onFx(() -> Clipboard.getSystemClipboard().getImage());
        assertNotNull(copied);
        assertEquals(onFx(() -> window.view().getWidth()), copied.getWidth(), 1);
        assertEquals(onFx(() -> window.view().getHeight()), copied.getHeight(), 1);
    }

    @Test
    void theContextMenuAndFileExportSaveWhereTheUserChose(FxRobot robot) throws Exception {
        openRuns(robot);
        Path png = fx.tmp().resolve("chosen.png");
        Path svg = fx.tmp().resolve("chosen.svg");
        exports.setTargets(new ExportTargets() {
            public Path saveAs(Window owner, String title, String fileName, String description, String extension) {
                return extension.equals(".png") ? png : svg;
            }

            public ImageSize imageSize(Window owner, String title, ImageSize suggested) { return new ImageSize(1280, 720); }
        });
        robot.interact(() -> model.selectRun(model.run("run-1")));
        robot.rightClickOn(chart("Curves", "curves-accuracy").node());
        robot.clickOn("Save as PNG\u2026");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(png));
        assertEquals(1280, FigureFiles.png(png).getWidth());

        // File > Export > Chart as SVG: the visible tab's figure, both curves charts
        robot.clickOn("File");
        robot.moveTo("Export");
        // into the submenu first, then down it: a diagonal path would cross the File menu and close the submenu
        robot.clickOn("#export-chart-svg", Motion.HORIZONTAL_FIRST);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(svg));
        Document d = FigureFiles.svg(svg);
        assertEquals(4, FigureFiles.seriesPaths(d, colour("run-1")).size(), "loss and accuracy, training and held-out");
    }

    @Test
    void compareFiguresExportTheHeatmapInVectorsAndTheRunCurves(FxRobot robot) throws Exception {
        openRuns(robot);
        robot.clickOn("#tab-compare .tab-label");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> exports.tables().stream()
                .filter(t -> t.label().equals("Trajectory distances")).findFirst().orElseThrow().table().get() != null));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> ((XYChart<?, ?>) chart("Compare", "progress-by-step").node())
                .getData().size() == RUNS));
        WaitForAsyncUtils.waitForFxEvents(5);

        Path heatmap = fx.tmp().resolve("heatmap.svg");
        assertTrue(onFx(() -> exports.saveSvg(chart("Compare", "trajectory-distances"), heatmap, new ImageSize(1200, 1000))));
        keep(heatmap);
        Document d = FigureFiles.svg(heatmap);
        List<String> texts = FigureFiles.texts(d);
        for (String run : NAMES) {
            assertEquals(2, texts.stream().filter(t -> abbreviates(t, run)).count(), run + " names its row and its column: " + texts);
        }
        // the cells: RUNS x RUNS equal squares
        var cells = FigureFiles.elements(d, "rect").stream()
                .filter(r -> !r.getAttribute("width").isEmpty() && r.getAttribute("width").equals(r.getAttribute("height")))
                .collect(Collectors.groupingBy(r -> r.getAttribute("width"), Collectors.counting()));
        assertTrue(cells.containsValue((long) RUNS * RUNS), "no " + RUNS + " x " + RUNS + " grid of cells in " + cells);

        Path progress = fx.tmp().resolve("progress.svg");
        assertTrue(onFx(() -> exports.saveSvg(chart("Compare", "progress-by-step"), progress, new ImageSize(1280, 720))));
        Document p = FigureFiles.svg(progress);
        for (String run : NAMES) {
            List<Element> lines = FigureFiles.seriesPaths(p, colour(run));
            assertEquals(1, lines.size(), run);
            assertEquals(CHECKPOINTS, FigureFiles.points(lines.get(0)));
        }

        Path whole = fx.tmp().resolve("compare.png");
        Figure figure = onFx(() -> exports.visibleFigure());
        assertEquals("compare", figure.name());
        assertTrue(onFx(() -> exports.savePng(figure, whole, new ImageSize(3840, 2160))));
        BufferedImage image = FigureFiles.png(whole);
        assertEquals(3840, image.getWidth());
        assertEquals(2160, image.getHeight());
        for (String run : NAMES) assertTrue(FigureFiles.pixelsNear(image, colour(run)) > 1000, run);
        Path wholeSvg = fx.tmp().resolve("compare.svg");
        assertTrue(onFx(() -> exports.saveSvg(figure, wholeSvg, new ImageSize(1920, 1080))));
        Document all = FigureFiles.svg(wholeSvg);
        for (String run : NAMES) {
            List<Element> lines = FigureFiles.seriesPaths(all, colour(run));
            assertEquals(2, lines.size(), run + ": both charts");
            for (Element line : lines) assertTrue(FigureFiles.insideViewBox(all, line), run + ": the curve lies on the page");
        }
        keep(heatmap, progress, whole, wholeSvg);
    }

    @Test
    void anUnwritableTargetIsReportedAndLeavesNoFile(FxRobot robot) throws Exception {
        openRuns(robot);
        Path notAFolder = Files.writeString(fx.tmp().resolve("a-file.txt"), "x");
        Path target = notAFolder.resolve("loss.png");
        assertFalse(onFx(() -> exports.savePng(chart("Curves", "curves-loss"), target, new ImageSize(1280, 720))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.problems().isEmpty());
        String problem = model.problems().get(model.problems().size() - 1);
        assertTrue(problem.startsWith("Could not save curves-loss as PNG to " + target), problem);
        assertFalse(Files.exists(target));
        assertEquals(List.of("a-file.txt"), Files.list(fx.tmp()).map(p -> p.getFileName().toString())
                .filter(n -> !Files.isDirectory(fx.tmp().resolve(n))).toList());
    }

    @Test
    void theSizeDialogOffersSlidePresetsAndAnySize(FxRobot robot) throws Exception {
        Dialog<ImageSize> dialog = onFx(() -> DialogTargets.dialog(window.stage(), "Save", new ImageSize(1280, 720)));
        robot.interact(dialog::show);
        robot.clickOn("#image-size-preset");
        robot.clickOn("3840 \u00d7 2160");
        robot.clickOn("OK");
        assertEquals(new ImageSize(3840, 2160), dialog.getResult());

        Dialog<ImageSize> custom = onFx(() -> DialogTargets.dialog(window.stage(), "Save", new ImageSize(1280, 720)));
        robot.interact(custom::show);
        robot.doubleClickOn("#image-height .text-field").write("1000").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        if (custom.isShowing()) robot.clickOn("OK");
        assertEquals(new ImageSize(1280, 1000), custom.getResult());
    }

    /** A heat map label: the name, or the name shortened in the middle to fit ("gapp… run"). */
    static boolean abbreviates(String label, String run) {
        int cut = label.indexOf('\u2026');
        if (cut < 0) return label.equals(run);
        return run.startsWith(label.substring(0, cut)) && run.endsWith(label.substring(cut + 1)) && label.length() < run.length();
    }

    /** With -Dpredspace.snapshots=DIR, copies figures there to look at. */
    static void keep(Path... files) throws Exception {
        String dir = System.getProperty("predspace.snapshots");
        if (dir == null) return;
        for (Path f : files) Files.copy(f, Path.of(dir, f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
    }
}
