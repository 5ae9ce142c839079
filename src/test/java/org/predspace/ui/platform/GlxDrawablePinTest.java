package org.predspace.ui.platform;

import javafx.animation.AnimationTimer;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.robot.Robot;
import javafx.scene.shape.Rectangle;
import javafx.stage.Popup;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pin against the per-frame rebuild it removes, seen where Mesa does it: the System V
 * shared-memory segments of this process (/proc/sysvipc/shm), one per window back buffer. A
 * kept window animating keeps one segment; a window that is not kept gets a new one every
 * frame (the peer, in the same run). The kept window must still show each frame on the screen
 * (read back from the X server, not a snapshot) and follow a resize; and closing it hands the
 * pin to another window; nor may a popup or a snapshot drawn offscreen stop it. Runs under
 * Xvfb with Mesa's llvmpipe, as CI does; skipped where a GPU driver draws.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class GlxDrawablePinTest {
    private Stage kept;
    private final List<AnimationTimer> timers = new ArrayList<>();

    /** Windows of their own, not TestFX's primary stage: a resize here must not reach the next test class. */
    private final List<Stage> stages = new ArrayList<>();

    /** The pin exists for GLX on Linux: elsewhere (Windows, macOS, no X display) there is nothing to test. */
    @BeforeAll
    static void linuxWithAnXDisplay() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"),
                "GLX drawables are Linux's; this is " + System.getProperty("os.name"));
        Assumptions.assumeTrue(System.getenv("DISPLAY") != null, "no X display (DISPLAY unset)");
    }

    @Start
    void start(Stage primary) {
        kept = newStage();
    }

    private Stage newStage() {
        Stage s = new Stage();
        stages.add(s);
        return s;
    }

    @AfterEach
    void closeWindows() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            timers.forEach(AnimationTimer::stop);
            stages.forEach(Stage::hide);
        }).get();
    }

    /** A window with a red square that moves every frame, at (x, y) on the screen. */
    private Stage showMoving(Stage stage, double x, double y, boolean keep) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Rectangle square = new Rectangle(40, 40, Color.RED);
            square.setLayoutY(60);
            Pane pane = new Pane(square);
            pane.setStyle("-fx-background-color: #2050a0;");
            stage.setScene(new Scene(pane, 640, 400));
            stage.setX(x);
            stage.setY(y);
            if (keep) GlxDrawablePin.keep(stage);
            stage.show();
            AnimationTimer t = new AnimationTimer() {
                @Override
                public void handle(long now) { square.setLayoutX((square.getLayoutX() + 7) % 560); }
            };
            timers.add(t);
            t.start();
            return stage;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aKeptWindowKeepsItsBackBufferWhileAWindowNotKeptRebuildsItEveryFrame() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/sysvipc/shm")), "Linux System V shm listing");
        showMoving(kept, 20, 20, true);
        awaitKept(kept);
        Thread.sleep(300);
        int keptBuffers = backBuffersCreatedDuring(1500);

        Stage other = WaitForAsyncUtils.asyncFx(this::newStage).get();
        WaitForAsyncUtils.asyncFx(() -> { timers.forEach(AnimationTimer::stop); kept.hide(); }).get();
        showMoving(other, 20, 20, false);
        Thread.sleep(300);
        int rebuiltBuffers = backBuffersCreatedDuring(1500);
        WaitForAsyncUtils.asyncFx(other::hide).get();

        assertTrue(keptBuffers <= 1, "kept window made " + keptBuffers + " back buffers in 1.5 s");
        assertTrue(rebuiltBuffers >= 10, "a window not kept made only " + rebuiltBuffers + " back buffers in 1.5 s");
    }

    @Test
    void theKeptWindowShowsEveryFrameOnTheScreenAndFollowsAResize() throws Exception {
        showMoving(kept, 20, 20, true);
        awaitKept(kept);
        Thread.sleep(200);
        WritableImage before = screen(20, 20, 640, 400);
        Thread.sleep(200);
        WritableImage after = screen(20, 20, 640, 400);
        int redBefore = redColumn(before), redAfter = redColumn(after);
        assertTrue(redBefore >= 0 && redAfter >= 0, "the red square is on the screen");
        assertNotEquals(redBefore, redAfter, "the square moved on the screen between two reads");

        WaitForAsyncUtils.asyncFx(() -> { kept.setWidth(900); kept.setHeight(600); }).get();
        Thread.sleep(500);
        WritableImage grown = screen(20, 20, 900, 600);
        Bounds scene = WaitForAsyncUtils.asyncFx(() -> kept.getScene().getRoot()
                .localToScreen(kept.getScene().getRoot().getLayoutBounds())).get();
        // a point of the new area, right of and below the old 640 x 400: the window's blue
        Color c = grown.getPixelReader().getColor((int) (scene.getMinX() - 20) + 800, (int) (scene.getMinY() - 20) + 520);
        assertEquals(0x20 / 255.0, c.getRed(), 0.05, c.toString());
        assertEquals(0xa0 / 255.0, c.getBlue(), 0.05, c.toString());
        assertTrue(GlxDrawablePin.keeps(kept), "still kept after the resize");
    }

    @Test
    void closingTheKeptWindowHandsThePinToAnotherKeptWindow() throws Exception {
        showMoving(kept, 20, 20, true);
        awaitKept(kept);
        Stage second = WaitForAsyncUtils.asyncFx(this::newStage).get();
        showMoving(second, 700, 20, true);
        Thread.sleep(300);
        assertFalse(GlxDrawablePin.keeps(second), "one window holds the pin at a time");

        WaitForAsyncUtils.asyncFx(kept::hide).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> GlxDrawablePin.keeps(second));
        // polled, not two reads 200 ms apart: those matched once on a fresh CI machine busy right after the close
        assertStillMoves(700, "in the second window after the first closed");
        WaitForAsyncUtils.asyncFx(second::hide).get();
        assertFalse(GlxDrawablePin.keeps(second));
    }

    /**
     * Transparent popups (tooltips, menus, notifications) are drawn offscreen and copied to
     * their window (Prism's UploadingPainter), and a snapshot is drawn offscreen too: both leave
     * their offscreen framebuffer bound. The kept window must still draw into its own; and
     * after another window (a dialog) drew and closed.
     */
    @Test
    void theKeptWindowStillReachesTheScreenAfterAPopupASnapshotAndAnotherWindow() throws Exception {
        showMoving(kept, 20, 20, true);
        awaitKept(kept);
        WaitForAsyncUtils.asyncFx(() -> {
            Popup popup = new Popup();
            Rectangle blink = new Rectangle(60, 30, Color.ORANGE);
            popup.getContent().add(blink);
            AnimationTimer t = new AnimationTimer() {
                @Override
                public void handle(long now) { blink.setOpacity(blink.getOpacity() > 0.5 ? 0.4 : 1); }
            };
            timers.add(t);
            t.start();
            popup.show(kept, 700, 500);
        }).get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertStillMoves(20, "after a transparent popup drew");

        WaitForAsyncUtils.asyncFx(() -> new Scene(new Pane(new Rectangle(30, 30, Color.GREEN)), 50, 50).snapshot(null))
                .get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertStillMoves(20, "after a snapshot");

        Stage dialog = WaitForAsyncUtils.asyncFx(this::newStage).get();
        showMoving(dialog, 700, 450, false);
        Thread.sleep(300);
        WaitForAsyncUtils.asyncFx(dialog::hide).get();
        Thread.sleep(300);
        assertStillMoves(20, "after another window opened and closed");
    }

    /**
     * The moving square of the window at ({@code x}, 20) is seen somewhere else on the screen
     * within 2 s (it moves every frame), unless the window's frames stopped reaching the screen.
     */
    private static void assertStillMoves(double x, String when) throws Exception {
        int before = redColumn(screen(x, 20, 640, 400));
        int after = before;
        for (long end = System.nanoTime() + 2_000_000_000L; after == before && System.nanoTime() < end; ) {
            Thread.sleep(100);
            after = redColumn(screen(x, 20, 640, 400));
        }
        assertTrue(before >= 0, "the red square is on the screen " + when);
        assertNotEquals(before, after, "the kept window's frames stopped reaching the screen " + when);
    }

    /**
     * Waits until {@code stage} is kept or the pin has decided against it; skips the test where a
     * GPU driver draws (the pin leaves those alone, as on a desktop), and fails on Mesa's software
     * renderers (Xvfb, CI) if the pin does not take.
     */
    private static void awaitKept(Stage stage) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> GlxDrawablePin.keeps(stage)
                || GlxDrawablePin.state() == GlxDrawablePin.State.NOT_MESA_SOFTWARE
                || GlxDrawablePin.state() == GlxDrawablePin.State.UNAVAILABLE);
        Assumptions.assumeTrue(GlxDrawablePin.state() != GlxDrawablePin.State.NOT_MESA_SOFTWARE,
                "drawn by " + GlxDrawablePin.renderer() + ", not Mesa's software renderer: nothing is kept");
        assertTrue(GlxDrawablePin.isMesaSoftware(GlxDrawablePin.renderer()), "renderer: " + GlxDrawablePin.renderer());
        assertTrue(GlxDrawablePin.keeps(stage), "the pin did not take: " + GlxDrawablePin.state());
    }

    private static WritableImage screen(double x, double y, double w, double h) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> new Robot().getScreenCapture(null, x, y, w, h, false)).get(10, TimeUnit.SECONDS);
    }

    /** The leftmost column with a red pixel on the square's row, or -1. */
    private static int redColumn(WritableImage img) {
        int row = 80;   // through the square, which spans rows 60-100
        for (int x = 0; x < img.getWidth(); x++) {
            Color c = img.getPixelReader().getColor(x, row);
            if (c.getRed() > 0.8 && c.getGreen() < 0.2 && c.getBlue() < 0.2) return x;
        }
        return -1;
    }

    /** Distinct window-sized (over 100 KB) segments of this process seen while {@code ms} pass, sampled every 2 ms. */
    private static int backBuffersCreatedDuring(long ms) throws IOException, InterruptedException {
        Set<String> before = segments();
        Set<String> seen = new HashSet<>();
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            seen.addAll(segments());
            Thread.sleep(2);
        }
        seen.removeAll(before);
        return seen.size();
    }

    private static Set<String> segments() throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/sysvipc/shm")).stream().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 4 && f[4].equals(pid) && Long.parseLong(f[3]) > 100_000) ids.add(f[1]);
        }
        return ids;
    }
}
