package org.predspace.ui.view3d;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
 * The camera pose lives in the model: the window's view follows it, and its own moves (a turn, a
 * glide) reach the model; an export's second view keeps a camera of its own.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ModelCameraTest {
    private static final CameraPose SAVED = new CameraPose(-40, 70, 30, -20, 1200);

    private ExplorerModel model;
    private PredictionView view;

    @Start
    void start(Stage stage) throws Exception {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), Files.createTempDirectory("predspace-camera"));
        model.setCamera(SAVED);
        view = new PredictionView(model);
        stage.setScene(new Scene(view, 600, 400));
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    @Test
    void theViewStartsAtTheModelsPoseAndFollowsIt() throws Exception {
        assertEquals(SAVED, fx(() -> view.pose()), "a view made after the pose was set starts there");
        CameraPose other = new CameraPose(10, -20, 0, 5, 2000);
        assertEquals(other, fx(() -> {
            model.setCamera(other);
            return view.pose();
        }));
    }

    @Test
    void theViewsOwnMovesReachTheModel() throws Exception {
        CameraPose turned = fx(() -> {
            view.rotateBy(15);
            return model.camera();
        });
        assertEquals(SAVED.yaw() + 15, turned.yaw(), 1e-9);
        assertEquals(SAVED.pitch(), turned.pitch(), 1e-9);
        CameraPose target = new CameraPose(40, 100, 80, -60, 500);
        WaitForAsyncUtils.asyncFx(() -> view.glideTo(target)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(view::isGliding));
        assertEquals(target, fx(model::camera), "the glide's end is the model's pose");
        fx(() -> {
            view.resetView();
            return null;
        });
        assertEquals(CameraPose.DEFAULT, fx(model::camera));
    }

    @Test
    void anExportsSecondViewHasACameraOfItsOwn() throws Exception {
        CameraPose figure = new CameraPose(0, 0, 0, 0, 3000);
        PredictionView second = fx(() -> {
            PredictionView v = new PredictionView(model, false);
            v.setPose(figure);
            return v;
        });
        assertEquals(SAVED, fx(model::camera), "making and turning a second view leaves the model's camera");
        fx(() -> {
            model.setCamera(CameraPose.DEFAULT);
            return null;
        });
        assertEquals(figure, fx(second::pose), "nor does the model's camera move it");
        fx(() -> {
            second.dispose();
            return null;
        });
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }
}
