package org.predspace.ui.figures;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.cli.Cli;
import org.predspace.session.TestRuns;
import org.predspace.ui.charts.ColourPalette;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The {@code render} command as a user runs it (in-process, under Xvfb with -Dprism.forceGPU=true
 * as CI runs the UI tests): the PNG has exactly the size asked for and shows the runs in their
 * colours on the view's background; options change the picture; bad arguments are named, exit
 * with 2 and write nothing; without a display it says how to run headless.
 */
@Tag("ui")
class RenderCommandTest {
    static final Color BACKGROUND = Color.web("#FAFAFA");
    static final Color BLUE = ColourPalette.CATEGORICAL.get(0), GREEN = ColourPalette.CATEGORICAL.get(2);

    @TempDir
    static Path tmp;
    static Path runs;

    @BeforeAll
    static void writeRuns() throws Exception {
        runs = tmp.resolve("sweep");
        TestRuns.writeSynthetic(runs, 3, 8);   // run-0 mlp, run-1 linear, run-2 mlp
    }

    record Result(int exitCode, String out, String err) {}

    static Result render(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("render"));
        all.addAll(List.of(args));
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), List.of(new RenderCommand()))
                .execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static BufferedImage renderOk(Path png, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(runs.toString(), "--out", png.toString()));
        all.addAll(List.of(args));
        Result r = render(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("3 runs") && r.out().contains("24 checkpoints"), r.out());
        return Pictures.read(png);
    }

    /**
     * Renders at width x height coloured by run: exactly that size, run-0 (blue) and run-2
     * (green) drawn with at least {@code minPixels} each (run-1's orange is too close to the
     * truth anchor's gold to tell apart), the bottom corners the view's background.
     */
    private static void rendersTheRunsAtExactly(int width, int height, int minPixels) throws Exception {
        BufferedImage img = renderOk(tmp.resolve(width + "x" + height + ".png"), "--width", "" + width, "--height", "" + height,
                "--color-by", "RUN");
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        assertTrue(Pictures.pixelsOfHue(img, BLUE) > minPixels, "run-0 not drawn");
        assertTrue(Pictures.pixelsOfHue(img, GREEN) > minPixels, "run-2 not drawn");
        int corner = height / 12;
        assertEquals(0, Pictures.notBackground(img, BACKGROUND, 0, height - corner, corner, height));
        assertEquals(0, Pictures.notBackground(img, BACKGROUND, width - corner, height - corner, width, height));
    }

    @Test
    void aSmallPictureHasTheSizeAskedForAndShowsTheRunsInTheirColours() throws Exception {
        rendersTheRunsAtExactly(640, 360, 20);
    }

    @Test
    void aFourKPictureHasExactlyThatSize() throws Exception {
        rendersTheRunsAtExactly(3840, 2160, 500);
    }

    @Test
    void colouringAndAxesChangeThePictureAndTheSameCommandDrawsTheSamePicture() throws Exception {
        BufferedImage byRun = renderOk(tmp.resolve("run.png"), "--width", "640", "--height", "360", "--color-by", "run");
        BufferedImage again = renderOk(tmp.resolve("run-again.png"), "--width", "640", "--height", "360", "--color-by", "run");
        assertEquals(0.0, Pictures.blockDifference(byRun, again, 1), "the same command drew another picture");
        // by architecture there are two colours (linear, mlp): the third run's green is gone
        BufferedImage byArchitecture = renderOk(tmp.resolve("arch.png"), "--width", "640", "--height", "360", "--color-by", "architecture");
        assertTrue(Pictures.pixelsOfHue(byRun, GREEN) > 20);
        assertEquals(0, Pictures.pixelsOfHue(byArchitecture, GREEN));
        BufferedImage otherAxes = renderOk(tmp.resolve("axes.png"), "--width", "640", "--height", "360", "--color-by", "run", "--dims", "1,3,2");
        assertTrue(Pictures.blockDifference(byRun, otherAxes, 8) > 0.002, "--dims 1,3,2 drew the same picture as 1,2,3");
    }

    @Test
    void badArgumentsAreNamedExitWithTwoAndWriteNothing() throws Exception {
        Path png = tmp.resolve("never.png");
        String[][] cases = {
                {"--width", "5000"}, {"5000"},
                {"--height", "0"}, {"height must be a positive"},
                {"--width", "-3"}, {"positive", "-3"},
                {"--color-by", "rainbow"}, {"rainbow", "run, architecture, optimizer, learning-rate, seed, task, progress, train-accuracy, train-loss, test-loss, truth-distance, step"},
                {"--dims", "1,2,11"}, {"axis 11", "1 to 10"},
                {"--dims", "2,2,3"}, {"axis 2 is given twice"},
                {"--dims", "1,2"}, {"'1,2'"},
                {"--dims", "1,x,3"}, {"'x'"},
                {"--pose", "0,0,10"}, {"distance 10"},
                {"--pose", "95,0,1000"}, {"pitch 95"},
                {"--probe", "middle"}, {"'middle'", "held-out"},
                {"--point-size", "0"}, {"--point-size", "0.0"},
                {"--up-to-step", "-1"}, {"-1"},
                {"--scale", "9"}, {"scale", "9"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            List<String> args = new ArrayList<>(List.of(runs.toString(), "--out", png.toString()));
            args.addAll(List.of(cases[i]));
            Result r = render(args.toArray(String[]::new));
            String what = String.join(" ", cases[i]);
            assertEquals(2, r.exitCode(), what + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + " printed more than one line: " + r.err());
            for (String expected : cases[i + 1]) assertTrue(r.err().contains(expected), what + ": " + r.err());
        }
        assertEquals(2, render(tmp.resolve("nowhere").toString(), "--out", png.toString()).exitCode());
        assertTrue(render(tmp.resolve("nowhere").toString(), "--out", png.toString()).err().contains("no such folder"));
        Files.createDirectories(tmp.resolve("empty"));
        assertTrue(render(tmp.resolve("empty").toString(), "--out", png.toString()).err().contains("no run in"));
        Result jpg = render(runs.toString(), "--out", tmp.resolve("fig.jpg").toString());
        assertEquals(2, jpg.exitCode());
        assertTrue(jpg.err().contains(".png"), jpg.err());
        assertFalse(Files.exists(png), "a picture was written despite a bad argument");
        assertFalse(Files.exists(tmp.resolve("fig.jpg")));
    }

    @Test
    void aRunNamedTwiceIsDrawnOnce() throws Exception {
        Path png = tmp.resolve("twice.png");
        Result r = render(runs.toString(), runs.resolve("run-1").toString(), runs.resolve("../sweep/run-1").toString(),
                "--out", png.toString(), "--width", "320", "--height", "200");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("3 runs, 24 checkpoints"), r.out());
        assertEquals(320, Pictures.read(png).getWidth());
    }

    @Test
    void aRunThatCannotBeReadFailsWithItsNameAndWritesNothing() throws Exception {
        Path broken = tmp.resolve("with-broken");
        TestRuns.writeSynthetic(broken, 2, 4);
        Files.writeString(broken.resolve("run-1/run.json"), "{ not json");
        Path png = tmp.resolve("broken.png");
        Result r = render(broken.toString(), "--out", png.toString(), "--width", "320", "--height", "200");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("run-1") && r.err().contains("run.json"), r.err());
        assertFalse(Files.exists(png));
    }

    @Test
    void withoutADisplayItSaysHowToRunHeadless() throws Exception {
        Path png = tmp.resolve("headless.png");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.predspace.Main", "render", runs.toString(), "--out", png.toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectErrorStream(false);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "render hung without a display");
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("xvfb-run") && err.contains("-Dprism.forceGPU=true"), err);
        assertFalse(Files.exists(png));
    }
}
