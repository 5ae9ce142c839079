package org.predspace.spectra;

import java.util.Locale;

/**
 * The most ND4J workspace memory one gradient worker's thread may hold: DL4J sizes a thread's
 * workspaces to its largest pass (LeNet in double, 250 samples: about 125 MB) and keeps them, so
 * this bounds what a worker keeps resident whatever the number of products. A network whose
 * passes need more fails with one line naming the sizes instead of taking the machine's memory.
 * The default, {@value #DEFAULT_MB} MB, leaves LeNet's two workers far inside the 2 GB that the
 * whole Hessian computation is measured against (bench/README.md); -D{@value #PROPERTY}=MB
 * changes it.
 */
final class WorkspaceBudget {
    static final String PROPERTY = "predspace.spectra.workspaceMb";
    static final long DEFAULT_MB = 512;
    private final long bytes;

    WorkspaceBudget(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("workspace budget must be positive, got " + bytes + " bytes");
        this.bytes = bytes;
    }

    /** The budget of -D{@value #PROPERTY} (MB), or the default; a malformed value is refused with its name. */
    static WorkspaceBudget fromProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null) return new WorkspaceBudget(DEFAULT_MB << 20);
        try {
            return new WorkspaceBudget(Long.parseLong(v.trim()) << 20);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a whole number of MB, got '" + v + "'");
        }
    }

    long bytes() { return bytes; }

    /** Throws when a worker's thread holds more than the budget after a pass of {@code samples} samples. */
    void check(long held, int samples) {
        if (held > bytes) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the gradient passes over %d samples need %d MB of ND4J workspaces per worker, over the budget of %d MB (-D%s)",
                    samples, held >> 20, bytes >> 20, PROPERTY));
        }
    }
}
