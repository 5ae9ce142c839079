package org.predspace.ui.landscape;

import javafx.application.Platform;
import javafx.concurrent.Worker;
import org.predspace.platform.JobFailure;
import org.predspace.ui.BackgroundTasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The results of one kind of landscape computation (lines, planes or sharpness curves), by
 * request: cached (least recently used out first), so going back to a checkpoint or a run is
 * instant; a computation nobody wants any more is cancelled; a result is stored under the
 * request its task was started with, never under whatever is selected when it arrives. A
 * computation may hand over partial values (a plane's coarse passes) before its result.
 * JavaFX thread only.
 */
final class LandscapeResults<K, V> {
    /** A 25 x 25 plane's result holds three vectors of the network's size: a few dozen fit. */
    static final int CAPACITY = 24;

    private final Map<K, Outcome<V>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Outcome<V>> eldest) { return size() > CAPACITY; }
    };
    private final Map<K, LandscapeTask<V>> running = new HashMap<>();
    private final Map<K, V> partial = new HashMap<>();
    private final Map<K, String> failures = new HashMap<>();
    private final BackgroundTasks tasks;
    private final BiFunction<K, Consumer<V>, LandscapeTask<V>> start;
    private final Runnable changed;

    /**
     * @param start builds the task for a request; it may pass partial values to the consumer it
     *              is given, from its own thread
     */
    LandscapeResults(BackgroundTasks tasks, BiFunction<K, Consumer<V>, LandscapeTask<V>> start, Runnable changed) {
        this.tasks = tasks;
        this.start = start;
        this.changed = changed;
    }

    Outcome<V> outcome(K key) { return key == null ? null : cache.get(key); }

    /** The latest partial value of a running computation, or null. */
    V partial(K key) { return key == null ? null : partial.get(key); }

    boolean isRunning(K key) { return key != null && running.containsKey(key); }

    String failure(K key) { return key == null ? null : failures.get(key); }

    /** Forgets failures so that they are tried again. */
    void retryFailures() { failures.clear(); }

    /**
     * Makes {@code key} the one wanted (null: none): cancels every other running computation and
     * starts this one unless it is known, running, or failed.
     */
    void want(K key) {
        for (K k : new ArrayList<>(running.keySet())) {
            if (!k.equals(key)) {
                running.remove(k).cancel();
                partial.remove(k);
            }
        }
        if (key == null || cache.containsKey(key) || running.containsKey(key) || failures.containsKey(key)) return;
        LandscapeTask<V> task = start.apply(key, value -> Platform.runLater(() -> {
            if (running.containsKey(key)) {
                partial.put(key, value);
                changed.run();
            }
        }));
        running.put(key, task);
        // BackgroundTasks reports a failure to the model's problems; here it marks the request
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.FAILED) {
                running.remove(key, task);
                partial.remove(key);
                Throwable t = task.getException();
                failures.put(key, t == null ? "unknown error" : JobFailure.describe(t));
                changed.run();
            } else if (state == Worker.State.CANCELLED) {
                running.remove(key, task);
                partial.remove(key);
            }
        });
        tasks.submit(task, outcome -> {
            running.remove(key, task);
            partial.remove(key);
            cache.put(key, outcome);
            changed.run();
        });
    }
}
