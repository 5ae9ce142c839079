package org.predspace.ui.compare;

import org.predspace.geometry.trajectory.ClusterAgreement;
import org.predspace.geometry.trajectory.Dendrogram;
import org.predspace.session.Configurations;
import org.predspace.session.RunState;
import org.predspace.session.SpecField;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The line under the Compare panel's dendrogram: how well its clusters follow the architectures,
 * as the adjusted Rand index of the tree cut into one cluster per architecture (docs/science.md,
 * "Do the clusters follow the architectures?"), the figure {@code compare --agreement
 * architecture} prints. No JavaFX.
 */
final class ArchitectureAgreement {
    static final String EXPLANATION = "The complete-linkage tree cut into as many clusters as there are architectures"
            + " (the highest merges undone),\ncompared with the architectures by the adjusted Rand index: 1 the same grouping,"
            + " 0 no better than chance,\nnegative worse than chance. In the configuration view the geodesic's leaf is taken"
            + " out first.\nMeasured, not tuned: the cut is fixed by the number of architectures (docs/science.md).";

    private ArchitectureAgreement() {}

    /**
     * @param tree           the dendrogram drawn
     * @param configurations the configurations among its leaves, or null when its leaves are runs
     * @param runs           the runs, by name
     */
    static String line(Dendrogram tree, List<Configurations.Configuration> configurations, Map<String, RunState> runs) {
        String leaves = configurations == null ? "runs" : "configurations";
        ClusterAgreement a;
        try {
            a = configurations == null ? SpecField.ARCHITECTURE.agreementOfRuns(tree, runs)
                    : SpecField.ARCHITECTURE.agreementOfConfigurations(tree, configurations, runs);
        } catch (IllegalArgumentException e) {
            return "No agreement with the architectures: " + e.getMessage() + ".";   // no leaf names its architecture
        }
        long unlabelled = a.unlabelled().stream().filter(l -> !l.equals(ConfigurationComparison.GEODESIC)).count();
        String without = unlabelled == 0 ? "" : " (" + unlabelled + " without an architecture left out)";
        if (a.clusterCount() == 1) {
            return "All " + a.compared() + " " + leaves + " are " + a.labels().get(0)
                    + ": one architecture, so there is no cut to compare with the architectures" + without + ".";
        }
        if (a.trivial()) {
            return "Each of the " + a.compared() + " " + leaves + " has an architecture of its own: any cut into " + a.clusterCount()
                    + " clusters agrees, so the adjusted Rand index (1) says nothing" + without + ".";
        }
        return String.format(Locale.ROOT, "Cut into %d clusters (one per architecture): adjusted Rand index %.2f%s",
                a.clusterCount(), a.adjustedRandIndex(), without);
    }
}
