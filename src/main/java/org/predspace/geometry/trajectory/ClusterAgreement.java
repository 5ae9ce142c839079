package org.predspace.geometry.trajectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a dendrogram's clusters agree with a labeling of its leaves (docs/science.md, "Do the
 * clusters follow the architectures?"): the tree is cut into as many clusters as there are
 * distinct labels, K, and the cut is compared with the labels by the {@link AdjustedRandIndex}.
 * K is fixed by the labels, not chosen to make the index large: the figure is a measurement.
 * Leaves without a label (the geodesic of the configuration tree, a run whose run.json lacks the
 * field) are taken out of the tree first ({@link Dendrogram#restrictedTo}), so they neither count
 * nor take a cluster of their own; they are listed.
 *
 * @param labels            the distinct labels, in the order of their first leaf
 * @param clusters          the K clusters of labelled leaves, each in leaf order, in the order of their first leaf
 * @param adjustedRandIndex of the cut against the labels; 1 when both put every leaf in one group (K = 1)
 * @param unlabelled        leaves left out because they have no label
 * @param labelOfLeaf       each labelled leaf's label
 */
public record ClusterAgreement(List<String> labels, List<List<String>> clusters, double adjustedRandIndex,
                               List<String> unlabelled, Map<String, String> labelOfLeaf) {
    public ClusterAgreement {
        labels = List.copyOf(labels);
        clusters = clusters.stream().map(List::copyOf).toList();
        unlabelled = List.copyOf(unlabelled);
        labelOfLeaf = Map.copyOf(labelOfLeaf);
    }

    /**
     * @param labelOfLeaf one label per leaf of {@code tree}, in its leaf order; null for a leaf without one
     * @throws IllegalArgumentException the labels do not fit the tree, or no leaf has one
     */
    public static ClusterAgreement of(Dendrogram tree, List<String> labelOfLeaf) {
        List<String> leaves = tree.labels();
        if (labelOfLeaf.size() != leaves.size()) {
            throw new IllegalArgumentException(labelOfLeaf.size() + " labels for a tree of " + leaves.size() + " leaves");
        }
        List<Integer> kept = new ArrayList<>();
        List<String> unlabelled = new ArrayList<>();
        Map<String, String> labelOfKept = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (labelOfLeaf.get(i) == null) {
                unlabelled.add(leaves.get(i));
            } else {
                kept.add(i);
                labelOfKept.put(leaves.get(i), labelOfLeaf.get(i));
            }
        }
        if (kept.isEmpty()) throw new IllegalArgumentException("no leaf of the tree has a label to compare its clusters with");
        Map<String, Integer> distinct = new LinkedHashMap<>();
        int[] truth = new int[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            truth[k] = distinct.computeIfAbsent(labelOfLeaf.get(kept.get(k)), label -> distinct.size());
        }
        Dendrogram labelled = tree.restrictedTo(kept.stream().mapToInt(Integer::intValue).toArray());
        int[] cut = labelled.cut(distinct.size());
        List<List<String>> clusters = new ArrayList<>();
        for (int k = 0; k < cut.length; k++) {
            if (cut[k] == clusters.size()) clusters.add(new ArrayList<>());
            clusters.get(cut[k]).add(labelled.labels().get(k));
        }
        return new ClusterAgreement(List.copyOf(distinct.keySet()), clusters, AdjustedRandIndex.of(truth, cut), unlabelled, labelOfKept);
    }

    /** K, the number of clusters cut: one per distinct label. */
    public int clusterCount() { return labels.size(); }

    /** The labelled leaves: the leaves the index compares. */
    public int compared() { return labelOfLeaf.size(); }

    /**
     * The index says nothing: every compared leaf has one label (K = 1), or each its own (K
     * leaves); either way the cut matches the labels by construction.
     */
    public boolean trivial() { return clusterCount() == 1 || clusterCount() == compared(); }
}
