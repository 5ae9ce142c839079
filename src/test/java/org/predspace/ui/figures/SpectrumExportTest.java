package org.predspace.ui.figures;

import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.export.CsvReader;
import org.predspace.runs.Run;
import org.predspace.session.CheckpointRef;
import org.predspace.session.TestRuns;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.SpectrumKind;
import org.predspace.spectra.SpectrumRequest;
import org.predspace.spectra.SpectrumTask;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.MainWindow;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.TestWindow;
import org.predspace.ui.spectrum.SpectrumPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.predspace.ui.figures.ChartExportTest.onFx;

/** The Spectrum panel's figure (PNG, SVG) and its computed spectra (CSV), on real trained networks. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SpectrumExportTest {
    @TempDir static Path tmp;
    static Path mlp;
    static final DatasetCatalog CATALOG = new DatasetCatalog();
    private ExplorerModel model;
    private MainWindow window;
    private Exports exports;

    @BeforeAll
    static void train() { mlp = TestRuns.trainIris(tmp.resolve("iris"), "mlp").get(0); }

    @Start
    void start(Stage stage) {
        TestWindow w = TestWindow.show(stage, tmp);
        model = w.model();
        window = w.window();
        exports = Exports.of(window);
    }

    @AfterEach
    void stop() { model.shutdown(); }

    @Test
    void theSpectrumFigureAndItsEigenvaluesExportAsComputed(FxRobot robot) throws Exception {
        PanelFixtures.openAndWait(model, List.of(mlp));
        Run run = Run.open(mlp);
        CheckpointRef ref = new CheckpointRef(run.name(), 6, run.steps()[6]);
        robot.clickOn("#tab-spectrum .tab-label");
        robot.interact(() -> model.selectCheckpoint(ref));
        TableSource.Table spectra = onFx(() -> exports.tables().stream().filter(t -> t.label().equals("Spectra")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> spectra.table().get() != null));
        WaitForAsyncUtils.waitForFxEvents(5);

        // CSV: every eigenvalue of the Fisher spectrum, as computed here without the panel
        Path csv = tmp.resolve("spectra.csv");
        assertTrue(onFx(() -> exports.saveTable("Spectra", csv)), () -> model.problems().toString());
        List<List<String>> rows = CsvReader.parse(Files.readString(csv));
        assertEquals(List.of("run", "step", "kind", "samples", "index", "eigenvalue"), rows.get(0));
        double[] expected = new SpectrumTask(RunCheckpoint.open(run, ref.step(), CATALOG),
                SpectrumRequest.of(SpectrumKind.FIM).withSamples(SpectrumPanel.DEFAULT_SAMPLES), (f, s) -> {}).call()
                .spectrum().eigenvalues();
        assertEquals(expected.length + 1, rows.size());
        for (int i = 0; i < expected.length; i++) {
            List<String> r = rows.get(i + 1);
            assertEquals(List.of("iris-mlp", Long.toString(ref.step()), "fim"), r.subList(0, 3));
            assertEquals(i + 1, Integer.parseInt(r.get(4)));
            assertEquals(expected[i], Double.parseDouble(r.get(5)), 1e-9 * Math.abs(expected[0]), "eigenvalue " + (i + 1));
        }

        // the figure: the legend and the Fisher chart, one line in the run's colour
        Figure figure = onFx(() -> exports.visibleFigure());
        assertEquals("spectra", figure.name());
        Color colour = onFx(() -> model.run("iris-mlp").colour());
        Path png = tmp.resolve("spectra.png");
        assertTrue(onFx(() -> exports.savePng(figure, png, new ImageSize(1920, 1080))));
        BufferedImage image = FigureFiles.png(png);
        assertEquals(1920, image.getWidth());
        assertEquals(1080, image.getHeight());
        assertTrue(FigureFiles.pixelsNear(image, colour) > 500, "the spectrum's line in the run's colour");

        Path svg = tmp.resolve("spectra.svg");
        assertTrue(onFx(() -> exports.saveSvg(figure, svg, new ImageSize(1920, 1080))));
        Document d = FigureFiles.svg(svg);
        List<Element> lines = FigureFiles.seriesPaths(d, colour);
        assertEquals(1, lines.size());
        int plotted = (int) Arrays.stream(expected).filter(v -> v > 1e-12 * expected[0]).count();
        assertEquals(plotted, FigureFiles.points(lines.get(0)), "a point per eigenvalue drawn");
        assertTrue(FigureFiles.insideViewBox(d, lines.get(0)));
        assertTrue(FigureFiles.texts(d).contains("iris-mlp \u00b7 step " + ref.step()), "the legend names the checkpoint");
        ChartExportTest.keep(png, svg);
    }
}
