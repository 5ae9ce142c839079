package org.predspace.data;

/**
 * Per-feature standardisation (x - mean) / std for tabular data. It is fitted on the training
 * part only and then applied to both parts, so nothing about the test part leaks into training.
 * A feature that is constant in training (std 0) is only centred: dividing would blow it up.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Means and (population) standard deviations of each feature of {@code train}. */
    public static Standardizer fit(Dataset train) {
        int d = train.shape().size();
        int n = train.size();
        float[] x = train.featuresView();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(n, 1);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double dev = x[i * d + j] - mean[j];
                scale[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(scale[j] / Math.max(n, 1));
            scale[j] = std > 1e-12 ? std : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    /** Fits on the train part and applies to both parts. */
    public static DatasetSplit standardise(DatasetSplit split) {
        Standardizer s = fit(split.train());
        return new DatasetSplit(split.id(), s.apply(split.train()), s.apply(split.test()), split.description());
    }

    public Dataset apply(Dataset data) {
        int d = mean.length;
        if (data.shape().size() != d) {
            throw new IllegalArgumentException(data.name() + " has " + data.shape().size() + " features, standardizer " + d);
        }
        float[] x = data.featuresView();
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            int j = k % d;
            out[k] = (float) ((x[k] - mean[j]) / scale[j]);
        }
        return new Dataset(data.name(), out, data.labels(), data.classes(), data.shape(), data.classNames());
    }

    public double[] mean() { return mean.clone(); }

    /** The divisor per feature: the training std, or 1 where that std is 0. */
    public double[] scale() { return scale.clone(); }
}
