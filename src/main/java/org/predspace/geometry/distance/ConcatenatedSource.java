package org.predspace.geometry.distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Sources one after the other, all on one probe set (checked when built). */
final class ConcatenatedSource implements CheckpointSource {
    private final List<CheckpointSource> parts;
    private final int[] starts;
    private final ProbeShape shape;

    ConcatenatedSource(List<? extends CheckpointSource> sources) {
        if (sources.isEmpty()) throw new IllegalArgumentException("no checkpoint sources");
        this.parts = new ArrayList<>(sources);
        this.shape = parts.get(0).shape();
        this.starts = new int[parts.size() + 1];
        for (int s = 0; s < parts.size(); s++) {
            CheckpointSource part = parts.get(s);
            if (part.size() > 0 && parts.get(0).size() > 0) {
                shape.requireSame(part.shape(), parts.get(0).run(0), part.run(0));
            }
            starts[s + 1] = Math.addExact(starts[s], part.size());
        }
    }

    private int part(int index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException("checkpoint " + index + " of " + size());
        int s = Arrays.binarySearch(starts, index);
        if (s < 0) return -s - 2;
        while (starts[s + 1] == index) s++; // skip empty parts
        return s;
    }

    @Override public int size() { return starts[parts.size()]; }
    @Override public int samples() { return shape.samples(); }
    @Override public int classes() { return shape.classes(); }
    @Override public String probeId() { return shape.probeId(); }

    @Override
    public void read(int index, float[] destProbabilities) {
        int s = part(index);
        parts.get(s).read(index - starts[s], destProbabilities);
    }

    @Override
    public String run(int index) {
        int s = part(index);
        return parts.get(s).run(index - starts[s]);
    }
}
