package org.predspace.training;

import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;
import org.predspace.training.spec.TrainingSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed samples on which every checkpoint is evaluated (docs/science.md §1). Class-balanced,
 * chosen by a probe seed, kept in ascending sample order. Its id is derived from the data set
 * id, the split, the chosen indices and their labels, so two runs share an id exactly when
 * their predictions are on the same samples in the same order.
 */
public final class ProbeSet {
    private final String id;
    private final String split;
    private final int[] indices;
    private final Dataset samples;

    private ProbeSet(String id, String split, int[] indices, Dataset samples) {
        this.id = id;
        this.split = split;
        this.indices = indices;
        this.samples = samples;
    }

    /**
     * Up to {@code size} samples of {@code data}, as equal per class as the data allows:
     * each class gets floor(size / C) (one more for the first size mod C classes); a class with
     * too few samples gives all it has and the shortfall is taken from the others.
     */
    public static ProbeSet balanced(String datasetId, String split, Dataset data, int size, long probeSeed) {
        return balanced(datasetId, split, split, data, size, probeSeed);
    }

    /**
     * The training probe of a run with {@code spec}, drawn from {@code trained}: the training
     * part it actually trains on ({@link TrainingSubset#of}), so "train error" is measured on
     * data the network sees. A limited train size is part of the id (split "train4000"), so runs
     * on different subsets never share a picture silently.
     */
    public static ProbeSet training(DatasetSplit trained, TrainingSpec spec) {
        String source = spec.trainSizeLimit() == 0 ? "train" : "train" + spec.trainSizeLimit();
        return balanced(trained.id(), "train", source, trained.train(), spec.probeSize(), spec.probeSeed());
    }

    /** @param source names the samples drawn from in the id: the split, or the split and its limit */
    private static ProbeSet balanced(String datasetId, String split, String source, Dataset data, int size, long probeSeed) {
        return balancedExcluding(datasetId, split, source, data, new int[0], size, probeSeed);
    }

    /**
     * As {@link #balanced}, drawn only from the samples of {@code data} whose indices are not in
     * {@code excluded} (the imprinting prototypes keep out of the shared probe this way);
     * {@code source} names them in the id.
     */
    public static ProbeSet balancedExcluding(String datasetId, String split, String source, Dataset data, int[] excluded,
                                             int size, long probeSeed) {
        BitSet out = new BitSet(data.size());
        for (int i : excluded) out.set(i);
        int n = Math.min(size, data.size() - out.cardinality());
        int classes = data.classes();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < data.size(); i++) {
            if (!out.get(i)) byClass.get(data.label(i)).add(i);
        }
        SplittableRandom rng = new SplittableRandom(probeSeed);
        for (List<Integer> members : byClass) shuffle(members, rng);

        int[] available = new int[classes];
        for (int c = 0; c < classes; c++) available[c] = byClass.get(c).size();
        int[] quota = TrainingSubset.quota(available, n);
        int[] chosen = new int[Arrays.stream(quota).sum()];
        int k = 0;
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < quota[c]; j++) chosen[k++] = byClass.get(c).get(j);
        }
        Arrays.sort(chosen);
        Dataset samples = data.subset(chosen, data.name() + " probe (" + split + ")");
        return new ProbeSet(idFor(datasetId, source, chosen, samples), split, chosen, samples);
    }

    private static void shuffle(List<Integer> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static String idFor(String datasetId, String split, int[] indices, Dataset samples) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((datasetId + "\n" + split + "\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < indices.length; i++) {
                sha.update(intBytes(indices[i]));
                sha.update(intBytes(samples.label(i)));
            }
            String digest = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
            String shortData = datasetId.contains(":") ? datasetId.substring(0, datasetId.indexOf(':')) : datasetId;
            return shortData + "-" + split + "-n" + indices.length + "-" + digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public String id() { return id; }
    public String split() { return split; }
    public int size() { return indices.length; }
    public int[] indices() { return indices.clone(); }
    public Dataset samples() { return samples; }
    public int[] labels() { return samples.labels(); }
}
