package org.predspace.ui.spectrum;

import javafx.concurrent.Worker;
import org.predspace.data.DatasetCatalog;
import org.predspace.platform.JobFailure;
import org.predspace.ui.BackgroundTasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The spectra the panel has, is computing, or failed to compute, by {@link SpectrumKey}.
 * Results are cached (least recently used out first), so reselecting a checkpoint is instant;
 * computations nobody wants any more are cancelled. A result is stored under the key its task
 * was started with, never under whatever is selected when it arrives. JavaFX thread only.
 */
final class SpectrumResults {
    /** Each Fisher spectrum is n C doubles (a few tens of kB at the panel's n): dozens fit easily. */
    static final int CAPACITY = 64;

    private final Map<SpectrumKey, SpectrumOutcome> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SpectrumKey, SpectrumOutcome> eldest) { return size() > CAPACITY; }
    };
    private final Map<SpectrumKey, SpectrumComputation> running = new HashMap<>();
    private final Map<SpectrumKey, String> failures = new HashMap<>();
    private final BackgroundTasks tasks;
    private final DatasetCatalog catalog;
    private final Runnable changed;

    SpectrumResults(BackgroundTasks tasks, DatasetCatalog catalog, Runnable changed) {
        this.tasks = tasks;
        this.catalog = catalog;
        this.changed = changed;
    }

    SpectrumOutcome outcome(SpectrumKey key) { return cache.get(key); }

    SpectrumComputation computation(SpectrumKey key) { return running.get(key); }

    String failure(SpectrumKey key) { return failures.get(key); }

    /**
     * Starts what is wanted and neither known nor running (runs without a folder are skipped:
     * {@code runDirs} answers null), and cancels running computations no longer wanted.
     */
    void want(Set<SpectrumKey> wanted, Function<String, Path> runDirs) {
        for (SpectrumKey key : new ArrayList<>(running.keySet())) {
            if (!wanted.contains(key)) running.remove(key).cancel();
        }
        for (SpectrumKey key : wanted) {
            if (cache.containsKey(key) || running.containsKey(key) || failures.containsKey(key)) continue;
            Path dir = runDirs.apply(key.run());
            if (dir != null) start(key, dir);
        }
    }

    /** Forgets failures so that they are tried again. */
    void retryFailures() { failures.clear(); }

    List<SpectrumComputation> runningComputations() { return List.copyOf(running.values()); }

    private void start(SpectrumKey key, Path dir) {
        SpectrumComputation task = new SpectrumComputation(key, dir, catalog);
        running.put(key, task);
        // BackgroundTasks reports a failure to the model's problems; here it only marks the row
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.FAILED) {
                running.remove(key, task);
                Throwable t = task.getException();
                failures.put(key, t == null ? "unknown error" : JobFailure.describe(t));
                changed.run();
            } else if (state == Worker.State.CANCELLED) {
                running.remove(key, task);
            }
        });
        tasks.submit(task, outcome -> {
            running.remove(key, task);
            cache.put(outcome.key(), outcome);
            changed.run();
        });
    }
}
