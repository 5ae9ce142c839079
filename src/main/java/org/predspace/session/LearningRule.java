package org.predspace.session;

import org.predspace.runs.CheckpointMetrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Whether a run learned its task, by the rule of Mao et al. (docs/science.md, "Runs that did not
 * learn"): a run did not learn when its final train error (1 - train accuracy on the probe) is at
 * least {@code threshold}, or when its loss diverged: the engine stopped it as diverged, its loss
 * came out NaN or infinite at a measured checkpoint, or its final loss is more than
 * {@link #DIVERGED_FACTOR} times its first. Runs still training are judged only on divergence.
 *
 * @param threshold train error from which a run counts as not learned, in (0, 1]
 */
public record LearningRule(double threshold) {
    /** [A] leaves out runs whose final train error is 0.1 or more. */
    public static final double DEFAULT_THRESHOLD = 0.1;
    public static final LearningRule DEFAULT = new LearningRule(DEFAULT_THRESHOLD);
    /**
     * A final loss this many times the first is "far above its start": a run that learns ends
     * below where it began, and three times the loss of near-uniform predictions (ln C) means
     * confidently wrong ones.
     */
    public static final double DIVERGED_FACTOR = 3;
    /** Accuracies are fractions of a probe's samples: this absorbs 1 - 0.9 = 0.09999999999999998. */
    private static final double TOLERANCE = 1e-9;

    public LearningRule {
        String problem = problem(threshold);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /** Why {@code threshold} cannot be one, or null. */
    public static String problem(double threshold) {
        if (Double.isNaN(threshold) || threshold <= 0 || threshold > 1) {
            return "the did-not-learn threshold is a train error in (0, 1], like 0.1; got " + threshold;
        }
        return null;
    }

    /**
     * Reads a threshold typed by a user ("0.1", " 0.05 ").
     *
     * @throws IllegalArgumentException with one line naming the problem
     */
    public static LearningRule parse(String text) {
        String t = text == null ? "" : text.strip();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the did-not-learn threshold is a train error in (0, 1], like 0.1; \""
                    + t + "\" is not a number");
        }
        return new LearningRule(v);
    }

    /** What the rule says about a run. */
    public enum Kind {
        /** Final train error below the threshold, loss not diverged. */
        LEARNED,
        DID_NOT_LEARN,
        DIVERGED,
        /** Still training, or no train accuracy recorded: nothing to say yet. */
        UNDECIDED;

        /** Whether the run is marked (and hidden with "hide runs that did not learn"). */
        public boolean marked() { return this == DID_NOT_LEARN || this == DIVERGED; }
    }

    /** The verdict and one line saying why ("did not learn: final train error 0.42 ≥ 0.10"). */
    public record Verdict(Kind kind, String reason) {
        public boolean marked() { return kind.marked(); }
    }

    public Verdict judge(RunState run) {
        Verdict diverged = divergence(run);
        if (diverged != null) return diverged;
        if (!run.phase().ended()) return new Verdict(Kind.UNDECIDED, "still training");
        double accuracy = lastTrainAccuracy(run.metrics());
        if (Double.isNaN(accuracy)) return new Verdict(Kind.UNDECIDED, "no train accuracy recorded");
        double error = 1 - accuracy;
        if (error >= threshold - TOLERANCE) {
            return new Verdict(Kind.DID_NOT_LEARN, "did not learn: final train error " + figure(error) + " ≥ " + figure(threshold));
        }
        return new Verdict(Kind.LEARNED, "learned: final train error " + figure(error) + " < " + figure(threshold));
    }

    /** Whether the run is marked as not learned (diverged included). */
    public boolean marks(RunState run) { return judge(run).marked(); }

    private static Verdict divergence(RunState run) {
        List<CheckpointMetrics> m = run.metrics();
        double first = Double.NaN;
        for (CheckpointMetrics c : m) {
            double loss = c.trainLoss();
            // a NaN loss where the accuracy was measured is the network's output gone NaN; with
            // both NaN the checkpoint was simply not evaluated
            if (Double.isInfinite(loss) || Double.isNaN(loss) && !Double.isNaN(c.trainAccuracy())) {
                return new Verdict(Kind.DIVERGED, "diverged: train loss " + (Double.isNaN(loss) ? "NaN" : "infinite")
                        + " at step " + c.step());
            }
            if (Double.isNaN(first) && Double.isFinite(loss)) first = loss;
        }
        CheckpointMetrics last = m.isEmpty() ? null : m.get(m.size() - 1);
        if (last != null && first > 0 && last.trainLoss() > DIVERGED_FACTOR * first) {
            return new Verdict(Kind.DIVERGED, "diverged: train loss " + figure(last.trainLoss()) + " at step " + last.step()
                    + ", " + figure(last.trainLoss() / first) + " times its start " + figure(first));
        }
        if (run.phase() == RunState.Phase.DIVERGED) {
            String why = run.message() == null || run.message().isBlank() ? "the engine stopped it" : run.message().strip();
            return new Verdict(Kind.DIVERGED, "diverged: " + why);
        }
        return null;
    }

    private static double lastTrainAccuracy(List<CheckpointMetrics> m) {
        for (int i = m.size() - 1; i >= 0; i--) {
            if (!Double.isNaN(m.get(i).trainAccuracy())) return m.get(i).trainAccuracy();
        }
        return Double.NaN;
    }

    /**
     * A figure as people write thresholds: at least two decimals, at most three, or three
     * significant digits for large values (0.1 as 0.10, 0.42, 0.095; 12.2).
     */
    public static String figure(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        if (Math.abs(v) >= 10) return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        BigDecimal b = new BigDecimal(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        if (b.scale() < 2) b = b.setScale(2, RoundingMode.UNNECESSARY);
        return b.toPlainString();
    }
}
