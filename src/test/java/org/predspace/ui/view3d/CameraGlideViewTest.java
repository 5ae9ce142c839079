package org.predspace.ui.view3d;

import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.ui.CameraPose;
import org.predspace.ui.ExplorerModel;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The view's camera in a shown window: a glide passes between the poses, ends exactly on the
 * target, and a press stops it; the pose lives in the model, which the window's view follows
 * both ways while an export's second view keeps its own.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CameraGlideViewTest {
    private static final CameraPose FROM = new CameraPose(-22, -35, 0, 0, 1450);
    private static final CameraPose TO = new CameraPose(40, 100, 80, -60, 500);

    private ExplorerModel model;
    private PredictionView view;

    @Start
    void start(Stage stage) throws Exception {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), Files.createTempDirectory("predspace-glide"));
        view = new PredictionView(model);
        stage.setScene(new Scene(view, 600, 400));
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    @Test
    void passesBetweenThePosesAndEndsExactlyOnTheTarget() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            view.setPose(FROM);
            view.glideTo(TO);
        }).get(10, TimeUnit.SECONDS);
        // held halfway (no timing: the animation is paused and put at 0.4 s), each part lies between
        CameraPose seen = WaitForAsyncUtils.asyncFx(() -> {
            view.glide().pause();
            view.glide().jumpTo(Duration.seconds(CameraGlide.SECONDS / 2));
            return view.pose();
        }).get(10, TimeUnit.SECONDS);
        assertNotEquals(FROM, seen);
        assertNotEquals(TO, seen);
        assertBetween(FROM.pitch(), TO.pitch(), seen.pitch());
        assertBetween(FROM.yaw(), TO.yaw(), seen.yaw());
        assertBetween(FROM.panX(), TO.panX(), seen.panX());
        assertBetween(FROM.panY(), TO.panY(), seen.panY());
        assertBetween(FROM.distance(), TO.distance(), seen.distance());
        assertEquals(Math.sqrt(FROM.distance() * TO.distance()), seen.distance(), 1e-6, "halfway in log space");
        WaitForAsyncUtils.asyncFx(() -> view.glide().play()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> !view.isGliding()).get());
        assertEquals(TO, WaitForAsyncUtils.asyncFx(view::pose).get());
    }

    @Test
    void aPressOnThePictureStopsTheGlideWhereItIs() throws Exception {
        CameraPose held = WaitForAsyncUtils.asyncFx(() -> {
            view.setPose(FROM);
            view.glideTo(TO);
            view.rotateBy(5);   // as a drag would have turned it, before the user's press reaches the view
            Event.fireEvent(view.subScene(), new MouseEvent(MouseEvent.MOUSE_PRESSED, 300, 200, 300, 200, MouseButton.PRIMARY,
                    1, false, false, false, false, true, false, false, false, false, false, null));
            return view.pose();
        }).get(10, TimeUnit.SECONDS);
        assertFalse(WaitForAsyncUtils.asyncFx(view::isGliding).get());
        Thread.sleep(1200);   // longer than a glide
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(held, WaitForAsyncUtils.asyncFx(view::pose).get(), "the camera stays where the user took it");
    }

    @Test
    void setPoseIsImmediateAndStopsAGlide() throws Exception {
        CameraPose other = new CameraPose(0, 0, 0, 0, 2000);
        WaitForAsyncUtils.asyncFx(() -> {
            view.setPose(FROM);
            view.glideTo(TO);
            view.setPose(other);
        }).get(10, TimeUnit.SECONDS);
        assertEquals(other, WaitForAsyncUtils.asyncFx(view::pose).get());
        Thread.sleep(1200);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(other, WaitForAsyncUtils.asyncFx(view::pose).get());
    }

    @Test
    void theWindowsViewFollowsTheModelsCamera() throws Exception {
        CameraPose saved = new CameraPose(-40, 70, 30, -20, 1200);
        PredictionView later = WaitForAsyncUtils.asyncFx(() -> {
            model.setCamera(saved);
            return new PredictionView(model);
        }).get(10, TimeUnit.SECONDS);
        assertEquals(saved, WaitForAsyncUtils.asyncFx(later::pose).get(), "a view made after the pose was set starts there");
        assertEquals(saved, WaitForAsyncUtils.asyncFx(view::pose).get(), "the shown view went there too");
        WaitForAsyncUtils.asyncFx(later::dispose).get();
    }

    @Test
    void theViewsOwnMovesReachTheModel() throws Exception {
        CameraPose turned = WaitForAsyncUtils.asyncFx(() -> {
            view.setPose(FROM);
            view.rotateBy(15);
            return model.camera();
        }).get(10, TimeUnit.SECONDS);
        assertEquals(new CameraPose(FROM.pitch(), FROM.yaw() + 15, FROM.panX(), FROM.panY(), FROM.distance()), turned);
        WaitForAsyncUtils.asyncFx(() -> view.glideTo(TO)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> !view.isGliding()).get());
        assertEquals(TO, WaitForAsyncUtils.asyncFx(model::camera).get(), "the glide's end is the model's pose");
    }

    @Test
    void anExportsSecondViewHasACameraOfItsOwn() throws Exception {
        CameraPose figure = new CameraPose(0, 0, 0, 0, 3000);
        PredictionView second = WaitForAsyncUtils.asyncFx(() -> {
            view.setPose(FROM);
            PredictionView v = new PredictionView(model, false);
            v.setPose(figure);
            return v;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(FROM, WaitForAsyncUtils.asyncFx(model::camera).get(), "making and turning a second view leaves the model's camera");
        WaitForAsyncUtils.asyncFx(() -> model.setCamera(TO)).get();
        assertEquals(figure, WaitForAsyncUtils.asyncFx(second::pose).get(), "nor does the model's camera move it");
        WaitForAsyncUtils.asyncFx(second::dispose).get();
    }

    private static void assertBetween(double a, double b, double x) {
        assertTrue(x >= Math.min(a, b) - 1e-9 && x <= Math.max(a, b) + 1e-9, x + " lies between " + a + " and " + b);
    }
}
