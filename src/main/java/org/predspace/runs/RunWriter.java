package org.predspace.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Writes a run folder incrementally (see docs/run-format.md). Placeholder until the runs package lands. */
public final class RunWriter implements AutoCloseable {
    public static RunWriter create(Path dir, String name, int classes, ProbeInfo probe, Map<String, Object> spec,
                                   int[] probeLabels, int[] testLabels) throws IOException {
        throw new UnsupportedOperationException("run writer not implemented yet");
    }

    public void append(Checkpoint checkpoint) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void finish(RunStatus status, Map<String, Object> summary) throws IOException {
        throw new UnsupportedOperationException();
    }

    public int checkpointCount() { return 0; }

    @Override
    public void close() throws IOException {}
}
