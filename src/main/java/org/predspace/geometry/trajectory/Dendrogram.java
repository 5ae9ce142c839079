package org.predspace.geometry.trajectory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Agglomerative clustering by complete linkage (the distance between two clusters is the
 * largest distance between their members), as [A] groups runs (docs/science.md section 5). Merges
 * use scipy's numbering: leaves are 0..n-1, the cluster made by merge i is n + i.
 * Ties merge the pair with the smallest cluster numbers first, so results are reproducible.
 */
public final class Dendrogram {
    /** One merge: clusters {@code left} and {@code right} (left < right) join at {@code height}. */
    public record Merge(int left, int right, double height, int size) {}

    private final List<String> labels;
    private final List<Merge> merges;

    private Dendrogram(List<String> labels, List<Merge> merges) {
        this.labels = List.copyOf(labels);
        this.merges = List.copyOf(merges);
    }

    /** @param distances symmetric, zero diagonal; +infinity for pairs that cannot be compared */
    public static Dendrogram completeLinkage(List<String> labels, double[][] distances) {
        int n = labels.size();
        if (distances.length != n) throw new IllegalArgumentException(n + " labels but a " + distances.length + "-row matrix");
        // linkage[a][b] between active clusters; cluster ids grow as merges happen.
        List<double[]> linkage = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Boolean> active = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            linkage.add(distances[i].clone());
            sizes.add(1);
            active.add(true);
        }
        List<Merge> merges = new ArrayList<>();
        for (int step = 0; step < n - 1; step++) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.NaN;
            for (int a = 0; a < linkage.size(); a++) {
                if (!active.get(a)) continue;
                for (int b = a + 1; b < linkage.size(); b++) {
                    if (!active.get(b)) continue;
                    double d = linkage.get(a)[b];
                    if (bestA < 0 || d < best) {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            int merged = linkage.size();
            double[] row = new double[merged + 1];
            for (int c = 0; c < merged; c++) {
                row[c] = Math.max(linkage.get(bestA)[c], linkage.get(bestB)[c]);
                double[] grown = Arrays.copyOf(linkage.get(c), merged + 1);
                grown[merged] = row[c];
                linkage.set(c, grown);
            }
            linkage.add(row);
            active.set(bestA, false);
            active.set(bestB, false);
            active.add(true);
            int size = sizes.get(bestA) + sizes.get(bestB);
            sizes.add(size);
            merges.add(new Merge(bestA, bestB, best, size));
        }
        return new Dendrogram(labels, merges);
    }

    public List<String> labels() { return labels; }

    public List<Merge> merges() { return merges; }

    /**
     * The clusters left when the {@code k - 1} highest merges are undone (docs/science.md,
     * "Do the clusters follow the architectures?"): cluster of each leaf, numbered 0, 1, ... in
     * the order of each cluster's first leaf. Complete linkage never merges lower than the merge
     * before it, so the highest merges are the last ones made; among merges of equal height the
     * one made later is undone first, and merges are made in a fixed order (see the class
     * comment), so equal heights cut the same way every time. {@code k = 1} is every leaf in one
     * cluster, {@code k = n} every leaf on its own.
     *
     * @throws IllegalArgumentException k is not from 1 to the number of leaves
     */
    public int[] cut(int k) {
        int n = labels.size();
        if (n == 0) throw new IllegalArgumentException("a dendrogram of no leaves cannot be cut into clusters");
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("a dendrogram of " + n + " leaves is cut into 1 to " + n + " clusters, not " + k);
        }
        // root[c] is a leaf standing for cluster c once the first n - k merges are made
        int[] root = new int[n + merges.size()];
        for (int leaf = 0; leaf < n; leaf++) root[leaf] = leaf;
        int[] joinedTo = new int[n];
        for (int leaf = 0; leaf < n; leaf++) joinedTo[leaf] = leaf;
        for (int i = 0; i < n - k; i++) {
            Merge m = merges.get(i);
            int a = find(joinedTo, root[m.left()]);
            int b = find(joinedTo, root[m.right()]);
            joinedTo[b] = a;
            root[n + i] = a;
        }
        int[] cluster = new int[n];
        int[] numberOf = new int[n];
        Arrays.fill(numberOf, -1);
        int next = 0;
        for (int leaf = 0; leaf < n; leaf++) {
            int r = find(joinedTo, leaf);
            if (numberOf[r] < 0) numberOf[r] = next++;
            cluster[leaf] = numberOf[r];
        }
        return cluster;
    }

    private static int find(int[] joinedTo, int leaf) {
        while (joinedTo[leaf] != leaf) leaf = joinedTo[leaf];
        return leaf;
    }

    /**
     * The tree drawn over some leaves only: each merge of two clusters that both hold kept
     * leaves stays, at its height and in its order; a merge with a side of no kept leaves
     * vanishes. So the Compare panel's configuration tree, with the geodesic's leaf taken out,
     * is cut into clusters of configurations only (docs/science.md).
     *
     * @param leaves indices of the leaves kept, ascending; they keep this order
     */
    public Dendrogram restrictedTo(int... leaves) {
        int n = labels.size();
        int[] now = new int[n + merges.size()];
        Arrays.fill(now, -1);
        List<String> kept = new ArrayList<>();
        for (int leaf : leaves) {
            if (leaf < 0 || leaf >= n) throw new IllegalArgumentException("no leaf " + leaf + " among " + n);
            if (!kept.isEmpty() && leaf <= leaves[kept.size() - 1]) throw new IllegalArgumentException("leaves must be ascending: " + Arrays.toString(leaves));
            now[leaf] = kept.size();
            kept.add(labels.get(leaf));
        }
        List<Merge> stay = new ArrayList<>();
        int[] sizes = new int[kept.size() + merges.size()];
        Arrays.fill(sizes, 0, kept.size(), 1);
        for (int i = 0; i < merges.size(); i++) {
            Merge m = merges.get(i);
            int a = now[m.left()];
            int b = now[m.right()];
            if (a >= 0 && b >= 0) {
                int made = kept.size() + stay.size();
                sizes[made] = sizes[a] + sizes[b];
                stay.add(new Merge(Math.min(a, b), Math.max(a, b), m.height(), sizes[made]));
                now[n + i] = made;
            } else {
                now[n + i] = Math.max(a, b);
            }
        }
        return new Dendrogram(kept, stay);
    }

    /** Leaves in drawing order (left subtree before right). */
    public int[] leafOrder() {
        int n = labels.size();
        List<Integer> order = new ArrayList<>();
        if (n > 0) collect(n == 1 ? 0 : n + merges.size() - 1, order);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private void collect(int cluster, List<Integer> out) {
        int n = labels.size();
        if (cluster < n) {
            out.add(cluster);
            return;
        }
        Merge m = merges.get(cluster - n);
        collect(m.left(), out);
        collect(m.right(), out);
    }

    /**
     * A text tree, one line per cluster, heights on the branches:
     * <pre>
     * 0.912
     * +-- 0.104
     * |   +-- run-a
     * |   `-- run-b
     * `-- run-c
     * </pre>
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        int n = labels.size();
        if (n > 0) render(n == 1 ? 0 : n + merges.size() - 1, "", "", out);
        return out.toString();
    }

    private void render(int cluster, String lead, String childLead, StringBuilder out) {
        int n = labels.size();
        if (cluster < n) {
            out.append(lead).append(labels.get(cluster)).append('\n');
            return;
        }
        Merge m = merges.get(cluster - n);
        // runs with no progress in common merge at infinity, written as the CSV files write it
        out.append(lead).append(Double.isInfinite(m.height()) ? "inf" : String.format(Locale.ROOT, "%.4g", m.height())).append('\n');
        render(m.left(), childLead + "+-- ", childLead + "|   ", out);
        render(m.right(), childLead + "`-- ", childLead + "    ", out);
    }
}
