package org.predspace.data;

/** A data set as the engine trains on it: a training part and a held-out part. */
public record DatasetSplit(String id, Dataset train, Dataset test, String description) {
    public DatasetSplit {
        if (train.classes() != test.classes() || !train.shape().equals(test.shape())) {
            throw new IllegalArgumentException(id + ": train and test parts disagree in classes or shape");
        }
    }

    public int classes() { return train.classes(); }
    public InputShape shape() { return train.shape(); }
}
