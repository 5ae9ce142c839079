package org.predspace.training;

import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;

import java.util.Arrays;

/**
 * The part of a training split a run trains on when its spec limits the train size: the first
 * N / C images of each class in file order (one more for the first N mod C classes; a class
 * with too few gives all it has and the others make up the rest). Deterministic, so a run's
 * probe can be drawn again from the same subset later (RunCheckpoint), and balanced, so a
 * small subset still teaches every class.
 */
public final class TrainingSubset {
    private TrainingSubset() {}

    /** {@code data} with its training part cut to the spec's limit; unchanged for limit 0 (all). */
    public static DatasetSplit of(DatasetSplit data, int limit) {
        if (limit == 0) return data;
        check(data, limit);
        Dataset train = data.train().subset(indices(data.train(), limit),
                data.train().name() + " (first " + limit + ", balanced)");
        return new DatasetSplit(data.id(), train, data.test(), data.description());
    }

    /** One clear line when {@code limit} (0 = all) cannot be drawn from {@code data}'s training split. */
    public static void check(DatasetSplit data, int limit) {
        int classes = data.classes();
        int size = data.train().size();
        if (limit != 0 && (limit < classes || limit > size)) {
            throw new IllegalArgumentException("train size must be in " + classes + ".." + size + " for " + data.id()
                    + " (at least one image per class, at most the whole training split), got " + limit);
        }
    }

    /**
     * How many of each class to take for {@code n} in all: round-robin over classes, an equal
     * share (one more for the first n mod C) that absorbs a class with too few. Shared with the
     * probe ({@link ProbeSet#balanced}).
     */
    static int[] quota(int[] available, int n) {
        int[] quota = new int[available.length];
        int assigned = 0;
        while (assigned < n) {
            boolean progressed = false;
            for (int c = 0; c < available.length && assigned < n; c++) {
                if (quota[c] < available[c]) {
                    quota[c]++;
                    assigned++;
                    progressed = true;
                }
            }
            if (!progressed) break;
        }
        return quota;
    }

    /** Indices into {@code train} of its balanced first {@code limit} images, ascending (file order). */
    static int[] indices(Dataset train, int limit) {
        int classes = train.classes();
        int[] available = new int[classes];
        for (int i = 0; i < train.size(); i++) available[train.label(i)]++;
        int[] quota = quota(available, limit);
        int assigned = Arrays.stream(quota).sum();
        int[] chosen = new int[assigned];
        int k = 0;
        for (int i = 0; i < train.size() && k < assigned; i++) {
            int c = train.label(i);
            if (quota[c] > 0) {
                quota[c]--;
                chosen[k++] = i;
            }
        }
        return Arrays.copyOf(chosen, k);
    }
}
