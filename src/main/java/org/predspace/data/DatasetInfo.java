package org.predspace.data;

/** What the catalog lists about a built-in data set (for the CLI's {@code datasets} command and the UI). */
public record DatasetInfo(String id, String description, int trainSize, int testSize, int classes, InputShape shape) {

    static DatasetInfo of(DatasetSplit split) {
        return new DatasetInfo(split.id(), split.description(), split.train().size(), split.test().size(),
                split.classes(), split.shape());
    }
}
