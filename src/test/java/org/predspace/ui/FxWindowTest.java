package org.predspace.ui;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The window extension leaves nothing of one test to the next: the first test leaves a dialog open, the second must not see it. */
@Tag("ui")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FxWindowTest {
    private static Stage leftOpen;
    private static Scene firstScene;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { });

    @Test
    @Order(1)
    void aTestLeavesADialogOpen() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            leftOpen = new Stage();
            leftOpen.setScene(new Scene(new Label("left open")));
            leftOpen.show();
            firstScene = fx.stage().getScene();
        }).get();
        assertTrue(fx.stage().isShowing(), "the main window is shown");
    }

    @Test
    @Order(2)
    void theNextTestFindsOnlyItsOwnWindow() throws Exception {
        List<Window> showing = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(Window::isShowing).toList()).get();
        assertNotNull(leftOpen, "the first test ran");
        assertFalse(leftOpen.isShowing(), "the dialog of the test before was closed");
        assertEquals(List.of(fx.stage()), showing, "only this test's main window is open");
        assertNotSame(firstScene, fx.stage().getScene(), "a window built for this test");
        assertSame(fx.stage(), fx.window().stage());
    }
}
