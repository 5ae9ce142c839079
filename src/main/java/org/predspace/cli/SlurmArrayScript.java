package org.predspace.cli;

/**
 * A Slurm job-array script for a sweep plan: one array task per run, task I running the
 * sweep's I-th run ({@code --sweep-index $SLURM_ARRAY_TASK_ID}) into the shared folder. The
 * #SBATCH lines are comments to the shell, so {@code SLURM_ARRAY_TASK_ID=I bash script} runs
 * task I on any machine.
 */
final class SlurmArrayScript {
    private SlurmArrayScript() {}

    static String text(SweepPlan plan) {
        String throttle = plan.parallelism() == null ? "" : "%" + plan.parallelism();
        return "#!/bin/bash\n"
                + "# PredSpace sweep of " + plan.runs() + " runs into " + plan.out() + ", one Slurm array task per run.\n"
                + "# Submit: sbatch THIS_FILE. Task I trains run I of `predspace train ... --plan list`.\n"
                + "# A task run again (requeue) keeps its finished run and trains an interrupted one again,\n"
                + "# moving the old attempt into " + plan.out().resolve(".interrupted") + ".\n"
                + "# Add your cluster's partition, time limit and memory below.\n"
                + "#SBATCH --job-name=" + plan.jobName() + "\n"
                + "#SBATCH --array=0-" + (plan.runs() - 1) + throttle + "\n"
                + "# one training thread per run; the JVM's compiler and collector use the second CPU\n"
                + "#SBATCH --cpus-per-task=2\n"
                + "#SBATCH --output=" + plan.jobName() + "-%A_%a.log\n"
                + "set -euo pipefail\n"
                + ": \"${SLURM_ARRAY_TASK_ID:?this script is a Slurm array task: submit it with sbatch}\"\n"
                + "cd " + ShellWords.quote(plan.workingDirectory().toString()) + "\n"
                + "exec " + ShellWords.join(plan.commandBeforeIndex()) + " --sweep-index \"$SLURM_ARRAY_TASK_ID\"\n";
    }
}
