package org.predspace.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one rule PredSpace uses to split a single labelled file into train and test: per class,
 * shuffle the samples with a fixed seed and put the first 80% into training. Stratifying keeps
 * the class mix of both parts equal to the file's; the fixed seed makes every run (and every
 * machine: SplittableRandom's algorithm is specified) see the same split. Both parts keep the
 * file order, so sample i of a part is easy to find in the original file.
 */
public final class StratifiedSplit {
    public static final double TRAIN_FRACTION = 0.8;
    public static final long SEED = 20_240_601L;

    private StratifiedSplit() {}

    /** Splits {@code all} into "{title} train" and "{title} test" parts. */
    public static DatasetSplit of(String id, Dataset all, String title, String description) throws DataFormatException {
        int[][] parts = indices(all.labels(), all.classes(), TRAIN_FRACTION, SEED);
        if (parts[1].length == 0) {
            // Only classes of one sample: typical of a feature column mistaken for the label.
            throw new DataFormatException(id + ": no class has 2 or more of the " + all.size()
                    + " samples, so the test part would be empty (is the label column right?)");
        }
        return new DatasetSplit(id, all.subset(parts[0], title + " train"), all.subset(parts[1], title + " test"), description);
    }

    /**
     * Train and test indices, each ascending. A class with at least two samples always gets at
     * least one test sample, so every class can be evaluated.
     */
    static int[][] indices(int[] labels, int classes, double trainFraction, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] train = new int[labels.length];
        int[] test = new int[labels.length];
        int nTrain = 0;
        int nTest = 0;
        for (List<Integer> members : byClass) {
            int n = members.size();
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            int keep = (int) Math.round(trainFraction * n);
            if (n >= 2) {
                keep = Math.min(keep, n - 1);
            }
            for (int k = 0; k < n; k++) {
                if (k < keep) {
                    train[nTrain++] = members.get(k);
                } else {
                    test[nTest++] = members.get(k);
                }
            }
        }
        int[] trainPart = Arrays.copyOf(train, nTrain);
        int[] testPart = Arrays.copyOf(test, nTest);
        Arrays.sort(trainPart);
        Arrays.sort(testPart);
        return new int[][] {trainPart, testPart};
    }
}
