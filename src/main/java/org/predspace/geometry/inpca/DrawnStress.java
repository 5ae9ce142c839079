package org.predspace.geometry.inpca;

import java.util.Arrays;
import java.util.Locale;

/**
 * How much of the stress the axes a picture draws explain (docs/science.md section 3), for
 * any choice of axes, not only the leading ones: the stress of a set A of InPCA axes is
 * S(A) = 1 - sqrt(1 - sum_{a in A} lambda_a^2 / ||W||_F^2), which for A = {1..k} is S_k.
 * Each drawn axis is credited with what it adds to the drawn axes before it in eigen order
 * (larger |lambda| first), so the shares of the drawn axes add up to S(A), and for axes
 * 1, 2, 3 they are S_1, S_2 - S_1, S_3 - S_2.
 */
public final class DrawnStress {
    private DrawnStress() {}

    /**
     * S(A) for the distinct axes in {@code axes} (0-based; an axis beyond the eigenvalues known adds nothing).
     *
     * @param eigenvalues      the leading eigenvalues, ordered by |lambda|
     * @param frobeniusSquared ||W||_F^2, the sum of all squared eigenvalues
     */
    public static double of(double[] eigenvalues, double frobeniusSquared, int[] axes) {
        return stress(squaredSum(eigenvalues, distinct(axes)), frobeniusSquared);
    }

    /** The share of each drawn axis, in the order given (an axis drawn twice shows the same share twice). */
    public static double[] shares(double[] eigenvalues, double frobeniusSquared, int[] axes) {
        int[] sorted = distinct(axes);
        double[] byAxis = new double[sorted.length];
        double before = 0;
        for (int i = 0; i < sorted.length; i++) {
            double with = before + squared(eigenvalues, sorted[i]);
            byAxis[i] = stress(with, frobeniusSquared) - stress(before, frobeniusSquared);
            before = with;
        }
        double[] out = new double[axes.length];
        for (int d = 0; d < axes.length; d++) out[d] = byAxis[Arrays.binarySearch(sorted, axes[d])];
        return out;
    }

    /**
     * A share as the picture's labels write it: whole per cent, one decimal below 10 % (an axis
     * beyond the first often adds a per cent or two, which whole numbers would round away).
     */
    public static String percent(double share) {
        double p = 100 * Math.abs(share);
        return String.format(Locale.ROOT, p < 9.95 ? "%.1f%%" : "%.0f%%", p);
    }

    private static int[] distinct(int[] axes) { return Arrays.stream(axes).distinct().sorted().toArray(); }

    private static double squaredSum(double[] eigenvalues, int[] axes) {
        double s = 0;
        for (int a : axes) s += squared(eigenvalues, a);
        return s;
    }

    private static double squared(double[] eigenvalues, int a) {
        return a >= 0 && a < eigenvalues.length ? eigenvalues[a] * eigenvalues[a] : 0;
    }

    private static double stress(double explainedSquares, double frobeniusSquared) {
        if (!(frobeniusSquared > 0)) return 0;
        return 1 - Math.sqrt(Math.max(0, 1 - explainedSquares / frobeniusSquared));
    }
}
