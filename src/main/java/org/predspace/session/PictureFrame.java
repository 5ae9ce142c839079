package org.predspace.session;

import org.predspace.geometry.inpca.DrawnStress;
import org.predspace.geometry.inpca.LiveEmbedding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A picture at one moment, immutable: coordinates from the live embedding, what each point is,
 * and the ignorance-to-truth geodesic (empty until first placed; after a refresh the previous
 * placement is kept until the new one is ready;
 * geodesicCurrent says whether it was placed in this frame's eigenbasis).
 * Points beyond {@link #size()} may exist in the embedding but are not yet described; a view
 * draws {@code size()} points. The embedding is null while the picture is empty.
 */
public record PictureFrame(LiveEmbedding.Snapshot embedding, List<PointInfo> points, double[][] geodesic,
                           long geodesicVersion, boolean geodesicCurrent) {
    public PictureFrame {
        points = List.copyOf(points);
    }

    /** A picture with no run in it yet. */
    public static PictureFrame empty(int axes) {
        return new PictureFrame(null, List.of(), new double[0][], 0, false);
    }

    public int size() { return embedding == null ? 0 : Math.min(embedding.size(), points.size()); }

    public long version() { return embedding == null ? 0 : (embedding.version() * 1_000_003L + points.size()) * 31 + geodesicVersion; }

    public PointInfo point(int i) { return points.get(i); }

    /** The names of the runs among the drawn points (anchors are no run's). */
    public Set<String> runs() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size(); i++) if (!point(i).isAnchor()) names.add(point(i).run());
        return names;
    }

    public double coordinate(int point, int axis) { return embedding.coordinate(point, axis); }

    public int axes() { return embedding == null ? 0 : embedding.axes(); }

    public double[] eigenvalues() { return embedding == null ? new double[0] : embedding.eigenvalues(); }

    public double[] explainedStress() { return embedding == null ? new double[0] : embedding.explainedStress(); }

    /** The stress the drawn axes {@code axes} (0-based) explain together (0 before the first eigendecomposition). */
    public double drawnStress(int[] axes) {
        return embedding == null ? 0 : DrawnStress.of(embedding.eigenvalues(), embedding.frobeniusSquared(), axes);
    }

    /** Each drawn axis's share of {@link #drawnStress}, in the order given; they add up to it. */
    public double[] drawnShares(int[] axes) {
        return embedding == null ? new double[axes.length]
                : DrawnStress.shares(embedding.eigenvalues(), embedding.frobeniusSquared(), axes);
    }
}
