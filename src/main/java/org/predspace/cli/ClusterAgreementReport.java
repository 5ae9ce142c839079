package org.predspace.cli;

import org.predspace.geometry.trajectory.ClusterAgreement;
import org.predspace.geometry.trajectory.ConfigurationDistances;
import org.predspace.geometry.trajectory.Dendrogram;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.session.Configurations;
import org.predspace.session.LearningRule;
import org.predspace.session.RunState;
import org.predspace.session.SpecField;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code compare --agreement FIELD}: how well the run dendrogram and the configuration dendrogram
 * (the Compare tab's Configurations view: runs equal but for the seed, distances averaged over seed
 * pairs, the geodesic a leaf, runs that did not learn left out) follow a spec field, as the
 * adjusted Rand index of the cut into as many clusters as the field has values (docs/science.md,
 * "Do the clusters follow the architectures?").
 */
final class ClusterAgreementReport {
    /** The configuration tree's leaf for the ignorance-to-truth geodesic, as the Compare tab names it. */
    static final String GEODESIC = "geodesic";

    private final SpecField field;
    private final LearningRule rule;
    private final Map<String, RunState> runs = new LinkedHashMap<>();

    /** @throws IllegalArgumentException one line: no run has the field, or it is not one value */
    ClusterAgreementReport(String field, LearningRule rule, List<RunState> runs) {
        this.field = SpecField.parse(field, runs);
        this.rule = rule;
        for (RunState r : runs) this.runs.put(r.name(), r);
    }

    /**
     * @param comparison the runs compared, in the order of {@code reindexed}
     * @param geodesic   the ignorance-to-truth geodesic on the runs' grid, named {@link #GEODESIC}
     */
    void print(PrintWriter w, TrajectoryComparison comparison, List<ReindexedTrajectory> reindexed, ReindexedTrajectory geodesic) {
        w.println("agreement of the clusters with " + field.name() + " (adjusted Rand index of the complete-linkage tree cut into"
                + " K clusters, K = number of distinct values of " + field.name() + "; 1 = the same grouping, 0 = chance):");
        w.println("runs: " + comparison.runs().size() + " runs");
        print(w, field.agreementOfRuns(comparison.dendrogram(), runs), "runs");

        Configurations.Grouping grouping = Configurations.of(List.copyOf(runs.values()), rule);
        int learned = grouping.configurations().stream().mapToInt(c -> c.runs().size()).sum();
        w.printf(Locale.ROOT, "configurations (runs equal but for the seed, distances averaged over seed pairs, the geodesic a leaf): "
                + "%d configurations of %d runs that learned%n", grouping.configurations().size(), learned);
        if (!grouping.didNotLearn().isEmpty()) {
            w.printf(Locale.ROOT, "  left out, did not learn (final train error >= %s, or diverged): %s%n",
                    LearningRule.figure(rule.threshold()), String.join(", ", grouping.didNotLearn()));
        }
        if (grouping.configurations().isEmpty()) {
            w.println("  no run learned: there is no configuration tree");
            return;
        }
        List<String> names = comparison.runs();
        List<String> labels = new ArrayList<>();
        List<List<Integer>> groups = new ArrayList<>();
        for (Configurations.Configuration c : grouping.configurations()) {
            labels.add(c.label());
            groups.add(c.runs().stream().map(names::indexOf).toList());
        }
        labels.add(GEODESIC);
        groups.add(List.of(names.size()));
        Dendrogram tree = ConfigurationDistances.average(comparison.with(geodesic, reindexed), labels, groups).dendrogram();
        w.println("  configuration dendrogram:");
        tree.render().lines().forEach(l -> w.println("    " + l));
        ClusterAgreement agreement;
        try {
            agreement = field.agreementOfConfigurations(tree, grouping.configurations(), runs);
        } catch (IllegalArgumentException e) {
            w.println("  " + e.getMessage());   // the seed: a configuration averages over it
            return;
        }
        print(w, agreement, "configurations");
    }

    private void print(PrintWriter w, ClusterAgreement a, String leaves) {
        List<String> left = a.unlabelled().stream().filter(l -> !GEODESIC.equals(l)).toList();
        if (!left.isEmpty()) w.println("  left out, no " + field.name() + " in the spec: " + String.join(", ", left));
        if (a.unlabelled().contains(GEODESIC)) w.println("  the geodesic's leaf is taken out of the tree before the cut");
        int k = a.clusterCount();
        if (k < 2) {
            w.println("  every one of the " + leaves + " has " + field.name() + " " + a.labels().get(0) + ": there is nothing to compare the clusters with");
            return;
        }
        w.printf(Locale.ROOT, "  %d values of %s (%s); cut into %d clusters (K = number of distinct labels): adjusted Rand index %.2f%s%n",
                k, field.name(), String.join(", ", a.labels()), k, a.adjustedRandIndex(),
                k == a.compared() ? " (trivially: each has its own " + field.name() + ")" : "");
        for (int c = 0; c < a.clusters().size(); c++) {
            List<String> members = a.clusters().get(c).stream().map(m -> m + " [" + a.labelOfLeaf().get(m) + "]").toList();
            w.printf(Locale.ROOT, "  cluster %d: %s%n", c + 1, String.join(", ", members));
        }
    }

}
