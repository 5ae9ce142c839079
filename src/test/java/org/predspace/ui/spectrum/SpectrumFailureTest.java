package org.predspace.ui.spectrum;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.spectra.SpectrumKind;
import org.predspace.ui.BackgroundTasks;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A spectrum computation that dies of an error ends as a failed row and a notification, never as a task left running. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SpectrumFailureTest {
    /**
     * A run folder whose every use throws the error a native library throws when its class
     * failed to initialise: the computation meets it where it would meet the real one, inside
     * its own work, without any of the code under test being changed.
     */
    private static Path folderThatThrows(Error error) {
        return (Path) Proxy.newProxyInstance(Path.class.getClassLoader(), new Class<?>[] {Path.class}, (proxy, method, args) -> {
            if (method.getName().equals("toString")) return "/runs/iris-mlp";
            throw error;
        });
    }

    @Test
    void anErrorInTheComputationFailsItsRowAndTellsTheUserInPlainWords() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        BackgroundTasks tasks = new BackgroundTasks(1, problems::add);
        try {
            SpectrumResults results = new SpectrumResults(tasks, new DatasetCatalog(), () -> {});
            SpectrumKey key = new SpectrumKey("iris-mlp", 30, SpectrumKind.FIM, 60, 0);
            Path broken = folderThatThrows(new ExceptionInInitializerError(new IllegalStateException("native cache locked")));
            WaitForAsyncUtils.asyncFx(() -> results.want(Set.of(key), run -> broken)).get(5, TimeUnit.SECONDS);

            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !problems.isEmpty());
            String why = "a library failed to load: ExceptionInInitializerError (IllegalStateException: native cache locked)";
            assertEquals(List.of(key.describe() + ": " + why), problems);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> results.failure(key) != null
                    && tasks.running().isEmpty() && results.runningComputations().isEmpty()).get());
            assertEquals(why, WaitForAsyncUtils.asyncFx(() -> results.failure(key)).get(5, TimeUnit.SECONDS));
        } finally {
            tasks.shutdown();
        }
    }
}
