package org.predspace.cli;

import org.predspace.runs.RunRetry;
import org.predspace.runs.RunStatus;
import org.predspace.training.spec.TrainingSpec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One cluster task's share of a sweep (train --sweep-index I): run I of the sweep's product, in
 * the order Sweep.specs gives, into the shared output folder. Other tasks write their own
 * runs' folders beside it at the same time; a task run again deals with its earlier attempt
 * through RunRetry.
 */
final class SweepTask {
    private SweepTask() {}

    /** @return the exit code */
    static int train(List<TrainingSpec> specs, int index, Path out, CommandLine cl) throws Exception {
        if (index < 0 || index >= specs.size()) {
            throw Cli.usage(cl, "--sweep-index " + index + " is outside this sweep of " + specs.size()
                    + (specs.size() == 1 ? " run (index 0)" : " runs (indices 0 to " + (specs.size() - 1) + ")"));
        }
        TrainingSpec spec = specs.get(index);
        SpecTrainer.Checked checked = SpecTrainer.check(List.of(spec), out, cl);   // before anything on disk changes
        Path dir = out.resolve(spec.name());
        PrintWriter say = cl.getOut();
        RunRetry.Outcome earlier = RunRetry.prepare(dir, Instant.now());
        if (earlier instanceof RunRetry.Ended e) {
            say.println("run " + index + " (" + spec.name() + ") already ended in " + dir + ": " + e.message()
                    + "; kept, nothing to train");
            // a failed run stays failed for the scheduler too; a result (finished, diverged) is success
            return e.status() == RunStatus.FAILED ? Cli.EXIT_FAILURE : 0;
        }
        if (earlier instanceof RunRetry.BeingWritten w) {
            cl.getErr().println("predspace: run " + index + " (" + spec.name() + ") in " + dir + " is being written by "
                    + w.writer() + "; not starting a second writer");
            return Cli.EXIT_FAILURE;
        }
        if (earlier instanceof RunRetry.Foreign f) {
            cl.getErr().println("predspace: run " + index + " (" + spec.name() + "): " + f.why()
                    + "; move it away to train the run there");
            return Cli.EXIT_FAILURE;
        }
        if (earlier instanceof RunRetry.MovedAside m) {
            say.println("run " + index + " (" + spec.name() + "): the earlier attempt, " + m.why() + ", moved aside to "
                    + m.to() + "; training it again");
        }
        return SpecTrainer.train(checked, out, 1, cl) ? 0 : Cli.EXIT_FAILURE;
    }
}
