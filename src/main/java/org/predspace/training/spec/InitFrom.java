package org.predspace.training.spec;

import org.predspace.runs.InputText;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a fine-tuned run starts, as typed: {@code RUN_DIR}, {@code RUN_DIR@STEP} or
 * {@code RUN_DIR@last} (spec init_from and init_from_step, docs/tasks.md). It belongs to the
 * spec layer because the New run form checks it while the user types; the network work of
 * starting there is training.FineTuneStart's.
 *
 * @param step null for the run's last snapshot
 */
public record InitFrom(Path dir, Long step) {
    /** RUN_DIR@STEP: the step is digits (or "last") after the last '@'. */
    private static final Pattern WITH_STEP = Pattern.compile("(.+)@(\\d+|last)");

    /** @throws IllegalArgumentException one line when the text names no folder or the step is too large */
    public static InitFrom parse(String text) {
        String t = text.strip();
        Matcher m = WITH_STEP.matcher(t);
        String dir = m.matches() ? m.group(1) : t;
        Long step = null;
        if (m.matches() && !m.group(2).equals("last")) {
            try {
                step = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("init-from step " + m.group(2) + " is too large");
            }
        }
        if (dir.isBlank()) throw new IllegalArgumentException("init-from names no run folder");
        try {
            return new InitFrom(Path.of(dir).toAbsolutePath().normalize(), step);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("init-from " + InputText.quote(dir) + " is not a path");
        }
    }

    /** Where {@code spec} starts; {@code runDir} is its own folder, against which a relative init_from is resolved (as run.json records it). */
    public static InitFrom of(TrainingSpec spec, Path runDir) {
        return new InitFrom(runDir.resolve(spec.initFrom()).normalize(), spec.initFromStep());
    }

    /** {@code b} starting from here. */
    public TrainingSpec.Builder applyTo(TrainingSpec.Builder b) { return b.initFrom(dir.toString()).initFromStep(step); }

    /** The parent run, opened. @throws IllegalArgumentException one line when it cannot be read */
    public Run parent() {
        try {
            return Run.open(dir);
        } catch (RunFormatException e) {
            throw new IllegalArgumentException("init-from run: " + e.getMessage(), e);
        }
    }

    /**
     * The snapshot step this start means in {@code parent} (its last when no step was given).
     *
     * @throws IllegalArgumentException one line: no snapshot at all, or none at the step
     */
    public long snapshotStep(Run parent) {
        long[] steps = parent.parameterSteps();
        if (steps.length == 0) {
            throw new IllegalArgumentException("init-from run " + dir + " kept no parameter snapshot to start from");
        }
        long chosen = step == null ? steps[steps.length - 1] : step;
        if (Arrays.binarySearch(steps, chosen) < 0) {
            throw new IllegalArgumentException("init-from run " + dir + " has no parameter snapshot at step " + chosen
                    + "; steps with one: " + describe(steps));
        }
        return chosen;
    }

    /** This start with its step made explicit, after the parent's snapshots are checked. */
    public InitFrom resolved() { return new InitFrom(dir, snapshotStep(parent())); }

    private static String describe(long[] steps) {
        if (steps.length <= 12) return Arrays.toString(steps);
        return "[" + steps[0] + ", " + steps[1] + ", ..., " + steps[steps.length - 1] + "] (" + steps.length + " steps)";
    }
}
