package org.predspace.geometry.trajectory;

import java.util.HashMap;
import java.util.Map;

/**
 * How well two labelings of the same items agree, corrected for chance: the adjusted Rand index
 * of Hubert and Arabie (1985), from the contingency table n_ij (items with label i in one
 * labeling and j in the other), its row sums a_i and column sums b_j:
 * <pre>
 *   index    = sum_ij C(n_ij, 2)
 *   expected = sum_i C(a_i, 2) * sum_j C(b_j, 2) / C(n, 2)
 *   maximum  = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2
 *   ARI      = (index - expected) / (maximum - expected)
 * </pre>
 * 1 when the labelings group the items alike, about 0 for unrelated ones, negative when they
 * agree less than chance would (docs/science.md, "Do the clusters follow the architectures?").
 * The fraction is 0/0 only when both labelings put every item in one group, or both put each
 * item on its own; they then agree exactly and the index is defined as 1, as scikit-learn's
 * {@code adjusted_rand_score} does.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {}

    /**
     * @param a one label per item (any integers)
     * @param b one label per item, for the same items in the same order
     * @throws IllegalArgumentException the labelings differ in length, or label no item
     */
    public static double of(int[] a, int[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("labelings of " + a.length + " and " + b.length + " items cannot be compared");
        if (a.length == 0) throw new IllegalArgumentException("labelings of no items have no adjusted Rand index");
        Map<Long, Integer> table = new HashMap<>();
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Integer, Integer> columns = new HashMap<>();
        for (int k = 0; k < a.length; k++) {
            table.merge(((long) a[k] << 32) | (b[k] & 0xffffffffL), 1, Integer::sum);
            rows.merge(a[k], 1, Integer::sum);
            columns.merge(b[k], 1, Integer::sum);
        }
        // Pair counts are integers below n^2 / 2: exact in long, so exactly equal when the labelings agree.
        long index = 0;
        for (int count : table.values()) index += pairs(count);
        long rowPairs = 0;
        for (int count : rows.values()) rowPairs += pairs(count);
        long columnPairs = 0;
        for (int count : columns.values()) columnPairs += pairs(count);
        long all = pairs(a.length);
        if (rowPairs == columnPairs && (rowPairs == 0 || rowPairs == all)) return 1;
        double expected = (double) rowPairs * columnPairs / all;
        double maximum = (rowPairs + columnPairs) / 2.0;
        return (index - expected) / (maximum - expected);
    }

    private static long pairs(long count) { return count * (count - 1) / 2; }
}
