package org.predspace.geometry;

import java.util.ArrayList;
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
                double[] grown = java.util.Arrays.copyOf(linkage.get(c), merged + 1);
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
