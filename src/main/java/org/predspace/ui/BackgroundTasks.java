package org.predspace.ui;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.predspace.platform.JobFailure;
import org.predspace.platform.Workers;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one place the UI starts long work (JabRef's TaskExecutor idea): tasks run on a small
 * pool of daemon threads, are listed while they run (the status bar shows them with progress
 * and a cancel button), and report failures as plain messages instead of swallowing them.
 */
public final class BackgroundTasks {
    private final ExecutorService executor;
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();
    private final Consumer<String> problems;

    public BackgroundTasks(int threads, Consumer<String> problems) {
        // spectra and comparisons are heavy: they yield to the JavaFX and render threads
        this.executor = Workers.pool("ui-task", threads, Workers.Priority.BACKGROUND);
        this.problems = problems;
    }

    /** Tasks not yet done, in start order; JavaFX thread only. */
    public ObservableList<Task<?>> running() { return running; }

    /** Runs {@code work} in the background; its result goes to {@code done} on the JavaFX thread. */
    public <T> Task<T> submit(String title, Callable<T> work, Consumer<T> done) {
        return submit(title, work, done, () -> {});
    }

    /** As above; {@code after} runs on the JavaFX thread once the task ended, however it ended. */
    public <T> Task<T> submit(String title, Callable<T> work, Consumer<T> done, Runnable after) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                return work.call();
            }
        };
        return submit(task, done, after);
    }

    /** Submits a task that reports its own progress (updateProgress/updateMessage). */
    public <T> Task<T> submit(Task<T> task, Consumer<T> done) {
        return submit(task, done, () -> {});
    }

    private <T> Task<T> submit(Task<T> task, Consumer<T> done, Runnable after) {
        // After shutdown (the window closed) late requests from timers and throttles are dropped,
        // not thrown at the JavaFX thread.
        if (executor.isShutdown()) {
            task.cancel();
            return task;
        }
        Runnable register = () -> running.add(task);
        if (Platform.isFxApplicationThread()) register.run(); else Platform.runLater(register);
        task.setOnSucceeded(e -> {
            running.remove(task);
            try {
                if (done != null) done.accept(task.getValue());
            } catch (RuntimeException | Error inDone) {
                // showing the result failed: the user hears it, and what waits for the end still runs
                problems.accept(describe(task.getTitle(), inDone));
                JobFailure.rethrowIfFatal(inDone);
            } finally {
                after.run();
            }
        });
        task.setOnFailed(e -> {
            running.remove(task);
            Throwable t = task.getException();
            if (executor.isShutdown()) {
                // the window closed and interrupted it: there is no window left to tell (a
                // notification would open on whatever window comes next), so the log says it
                System.err.println("PredSpace: after closing, " + describe(task.getTitle(), t));
            } else {
                problems.accept(describe(task.getTitle(), t));
            }
            after.run();
        });
        task.setOnCancelled(e -> {
            running.remove(task);
            after.run();
        });
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.cancel();   // shut down between the check and here
        }
        return task;
    }

    /** The task's title and what went wrong in plain words (an error too: JavaFX tasks fail on errors as on exceptions). */
    static String describe(String title, Throwable t) {
        String what = t == null ? "unknown error" : JobFailure.describe(t);
        return title == null || title.isBlank() ? what : title + ": " + what;
    }

    public void shutdown() { executor.shutdownNow(); }
}
