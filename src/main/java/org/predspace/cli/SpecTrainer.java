package org.predspace.cli;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.InputText;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.runs.RunStatus;
import org.predspace.training.ArchitectureFit;
import org.predspace.training.TrainingPool;
import org.predspace.training.TrainingSpec;
import org.predspace.training.TrainingSubset;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        String dataset = specs.get(0).dataset();
        if (!dataset.startsWith("csv:") && !dataset.startsWith("idx:") && !DatasetCatalog.builtInIds().contains(dataset)) {
            throw Cli.usage(cl, "unknown data set " + InputText.quote(dataset) + "; use one of "
                    + String.join(", ", DatasetCatalog.builtInIds()) + ", idx:FOLDER or csv:FILE");
        }
        DatasetSplit data = new DatasetCatalog().load(dataset);
        for (TrainingSpec s : specs) {
            if (!s.dataset().equals(dataset)) throw Cli.usage(cl, "one data set per call: " + s.dataset() + " vs " + dataset);
            try {
                ArchitectureFit.check(s, data.shape());
                TrainingSubset.check(data, s.trainSizeLimit());
                if (s.initFrom() != null) checkStartingRun(out.resolve(s.name()).resolve(s.initFrom()).normalize());
            } catch (IllegalArgumentException e) {
                throw Cli.usage(cl, e);
            }
        }
        Files.createDirectories(out);
        PrintWriter printer = cl.getOut();
        ProgressPrinter progress = new ProgressPrinter(printer, specs.size(), System.console() != null);
        try (TrainingPool pool = new TrainingPool(Math.min(workers, specs.size()), id -> data)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(specs, out, progress);
            Thread stopOnInterrupt = new Thread(() -> cancelAndWait(handles), "cancel-on-exit");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            List<RunStatus> statuses = TrainingPool.awaitAll(handles);
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            progress.done();
            return statuses.stream().noneMatch(s -> s == null);
        }
    }

    /** @param dir where the run will look: init-from is resolved against the new run's own folder */
    private static void checkStartingRun(Path dir) throws IOException {
        try {
            Run from = Run.open(dir);
            long[] steps = from.parameterSteps();
            if (steps.length == 0) {
                throw new IllegalArgumentException("--init-from " + dir + ": the run kept no parameter snapshot");
            }
            from.parameters(steps[steps.length - 1]); // the one training starts from: readable and finite, or one line now
        } catch (RunFormatException e) {
            throw new IllegalArgumentException("--init-from: " + e.getMessage(), e);
        }
    }

    /** On Ctrl-C, let each run record "cancelled" and close its files instead of leaving "running". */
    private static void cancelAndWait(List<TrainingPool.RunHandle> handles) {
        handles.forEach(TrainingPool.RunHandle::cancel);
        for (TrainingPool.RunHandle h : handles) {
            try {
                h.status().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway; an unfinished run is reported as interrupted when reopened
            }
        }
    }
}
