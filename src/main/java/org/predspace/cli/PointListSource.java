package org.predspace.cli;

import org.predspace.geometry.distance.CheckpointSource;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;

import java.util.List;

/** Points already in memory, offered to the landmark embedding as a source. */
final class PointListSource implements CheckpointSource {
    private final ProbeShape shape;
    private final List<SqrtProbabilities> points;

    PointListSource(ProbeShape shape, List<SqrtProbabilities> points) {
        this.shape = shape;
        this.points = points;
    }

    @Override public int size() { return points.size(); }
    @Override public int samples() { return shape.samples(); }
    @Override public int classes() { return shape.classes(); }
    @Override public String probeId() { return shape.probeId(); }
    @Override public String run(int index) { return points.get(index).run(); }
    @Override public SqrtProbabilities point(int index) { return points.get(index); }

    @Override
    public void read(int index, float[] destProbabilities) {
        float[] p = points.get(index).probabilities();
        System.arraycopy(p, 0, destProbabilities, 0, p.length);
    }
}
