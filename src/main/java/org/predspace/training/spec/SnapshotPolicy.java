package org.predspace.training.spec;

/**
 * Which checkpoints keep a parameter snapshot (needed later for spectra). Snapshots are
 * the bulk of a run folder (an MLP 784-256-256-10 is 1 MB each), so shipped sample runs
 * keep only a few: sparse keeps the first, middle and last checkpoint, last only the last one
 * (enough to fine-tune from the end of a run, `train --init-from`).
 */
public enum SnapshotPolicy implements NamedChoice {
    ALL("all"), SPARSE("sparse"), LAST("last"), NONE("none");

    private final String id;

    SnapshotPolicy(String id) { this.id = id; }

    @Override
    public String id() { return id; }

    /** Whether checkpoint {@code index} of {@code count} gets a snapshot. */
    public boolean keeps(int index, int count) {
        return switch (this) {
            case ALL -> true;
            case SPARSE -> index == 0 || index == count - 1 || index == count / 2;
            case LAST -> index == count - 1;
            case NONE -> false;
        };
    }

    public static SnapshotPolicy fromId(String s) {
        return NamedChoice.parse(SnapshotPolicy.class, s, "snapshot policy");
    }
}
