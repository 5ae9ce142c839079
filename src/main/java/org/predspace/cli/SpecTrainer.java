package org.predspace.cli;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.platform.NativeLibraries;
import org.predspace.platform.Workers;
import org.predspace.runs.InputText;
import org.predspace.runs.RunStatus;
import org.predspace.training.FineTuneStart;
import org.predspace.training.TrainingPool;
import org.predspace.training.TrainingSubset;
import org.predspace.training.spec.ArchitectureFit;
import org.predspace.training.spec.TrainingSpec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Trains a list of specs on one data set in the engine's pool, with the CLI's progress lines. */
final class SpecTrainer {
    private SpecTrainer() {}

    /**
     * Checks data, shapes and starting runs before any run starts (so a bad id, shape or
     * init-from folder is one clear line), then trains and waits. A value the options got wrong
     * is a usage error (exit 2); a data file that cannot be read is a failure (exit 1).
     *
     * @return true if no run failed with an error (finished, cancelled and diverged are results)
     */
    static boolean train(List<TrainingSpec> specs, Path out, int workers, CommandLine cl) throws Exception {
        if (workers < 1) throw Cli.usage(cl, "--jobs must be at least 1, got " + workers);
        // ND4J's native load (~0.9 s of CPU) on its own thread while this one reads the data:
        // the runs would otherwise wait for it after the data, one after the other
        NativeLibraries.startLoading();
        return train(check(specs, out, cl), out, workers, cl);
    }

    /** Specs that passed {@link #check}, with their data set loaded. */
    record Checked(DatasetSplit data, List<TrainingSpec> specs) {}

    /**
     * The checks {@link #train} makes before anything starts, without training: for a sweep plan,
     * so that a bad value is one line here rather than in every task on the cluster.
     */
    static Checked check(List<TrainingSpec> specs, Path out, CommandLine cl) throws Exception {
        String dataset = specs.get(0).dataset();
        if (!dataset.startsWith("csv:") && !dataset.startsWith("idx:") && !DatasetCatalog.builtInIds().contains(dataset)) {
            throw Cli.usage(cl, "unknown data set " + InputText.quote(dataset) + "; use one of "
                    + String.join(", ", DatasetCatalog.builtInIds()) + ", idx:FOLDER or csv:FILE");
        }
        DatasetSplit data = new DatasetCatalog().load(dataset);
        List<TrainingSpec> checked = new ArrayList<>();
        for (TrainingSpec s : specs) {
            if (!s.dataset().equals(dataset)) throw Cli.usage(cl, "one data set per call: " + s.dataset() + " vs " + dataset);
            try {
                ArchitectureFit.check(s, data.shape());
                TrainingSubset.check(data, s.trainSizeLimit());
                s.task().check(data.classes(), dataset);
                checked.add(s.initFrom() == null ? s : withStartingStep(s, out, data));
            } catch (IllegalArgumentException e) {
                throw Cli.usage(cl, e);
            }
        }
        return new Checked(data, checked);
    }

    /** Trains specs that passed {@link #check} and waits; true if no run failed with an error. */
    static boolean train(Checked checked, Path out, int workers, CommandLine cl) throws Exception {
        List<TrainingSpec> specs = checked.specs();
        DatasetSplit data = checked.data();
        Files.createDirectories(out);
        PrintWriter printer = cl.getOut();
        ProgressPrinter progress = new ProgressPrinter(printer, specs.size(), System.console() != null);
        try (TrainingPool pool = new TrainingPool(Math.min(workers, specs.size()), id -> data)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(specs, out, progress);
            Thread stopOnInterrupt = Workers.thread("cancel-on-exit", () -> cancelAndWait(handles), Workers.Priority.NORMAL);
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            List<RunStatus> statuses = TrainingPool.awaitAll(handles);
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            progress.done();
            return statuses.stream().noneMatch(s -> s == null);
        }
    }

    /**
     * {@code s} with the step it starts from recorded (init_from_step: the parent's last
     * snapshot unless one was named), after checking that the snapshot is there, readable and
     * fits the new run's network, so a bad --init-from is one line before anything starts.
     * init-from is resolved against the new run's own folder, as the run resolves it.
     */
    private static TrainingSpec withStartingStep(TrainingSpec s, Path out, DatasetSplit data) {
        FineTuneStart start = FineTuneStart.of(s, out.resolve(s.name()));
        TrainingSpec spec = s.toBuilder().initFromStep(start.step()).build();
        start.parameters(spec, data.shape(), s.task().classes(data.classes()));
        return spec;
    }

    /** On Ctrl-C, let each run record "cancelled" and close its files instead of leaving "running". */
    private static void cancelAndWait(List<TrainingPool.RunHandle> handles) {
        handles.forEach(TrainingPool.RunHandle::cancel);
        for (TrainingPool.RunHandle h : handles) {
            try {
                h.status().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway; an unfinished run is reported as interrupted when reopened
            }
        }
    }
}
