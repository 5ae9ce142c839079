package org.predspace.ui.spectrum;

/**
 * The linear rank axis: from 0 to a round number at or above the highest rank, ticks on
 * whole ranks (1, 2 or 5 times a power of ten), never fractional ranks like 1.25.
 */
public record RankScale(int upper, int unit) {
    static final int MAX_TICKS = 10;

    public static RankScale covering(int maxRank) {
        int top = Math.max(1, maxRank);
        for (int power = 1; ; power *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                int unit = m * power;
                int upper = -Math.floorDiv(-top, unit) * unit;
                if (upper / unit <= MAX_TICKS) return new RankScale(upper, unit);
            }
        }
    }
}
