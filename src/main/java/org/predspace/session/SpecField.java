package org.predspace.session;

import org.predspace.geometry.trajectory.ClusterAgreement;
import org.predspace.geometry.trajectory.Dendrogram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A field of the runs' specs (run.json), such as architecture or optimizer, as labels for the
 * leaves of a run or configuration dendrogram, to ask how well its clusters follow that field
 * ({@link ClusterAgreement}, docs/science.md "Do the clusters follow the architectures?").
 *
 * @param name the field's key in run.json's spec ("architecture", "optimizer", "seed", ...)
 */
public record SpecField(String name) {
    public static final SpecField ARCHITECTURE = new SpecField("architecture");

    /**
     * The field named {@code name}, checked against the runs it will label.
     *
     * @throws IllegalArgumentException with one line: no run has the field, or it is not one value
     */
    public static SpecField parse(String name, Collection<RunState> runs) {
        String key = name == null ? "" : name.strip();
        Set<String> known = new TreeSet<>();
        boolean found = false;
        for (RunState r : runs) {
            for (Map.Entry<String, Object> e : r.spec().entrySet()) {
                if (isValue(e.getValue())) known.add(e.getKey());
                if (!e.getKey().equals(key)) continue;
                found = true;
                if (!isValue(e.getValue())) {
                    throw new IllegalArgumentException("the spec field \"" + key + "\" of " + r.name() + " is not a single value, so it cannot label runs");
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no run's spec has a field \"" + key + "\""
                    + (known.isEmpty() ? " (the runs have no spec)" : "; the fields are " + String.join(", ", known)));
        }
        return new SpecField(key);
    }

    private static boolean isValue(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /** The run's value of the field, as text; null when its spec lacks it. */
    public String of(RunState run) {
        Object v = run.spec().get(name);
        return isValue(v) ? String.valueOf(v) : null;
    }

    /**
     * How well a run dendrogram's clusters follow the field.
     *
     * @param runs at least every run that is a leaf of {@code tree}, by name; other leaves are unlabelled
     */
    public ClusterAgreement agreementOfRuns(Dendrogram tree, Map<String, RunState> runs) {
        List<String> labels = new ArrayList<>();
        for (String leaf : tree.labels()) {
            RunState r = runs.get(leaf);
            labels.add(r == null ? null : of(r));
        }
        return ClusterAgreement.of(tree, labels);
    }

    /**
     * How well a configuration dendrogram's clusters follow the field: a configuration is
     * labelled by its runs' common value. Leaves that are no configuration (the geodesic) are
     * unlabelled.
     *
     * @param configurations the configurations among the leaves, by their labels
     * @throws IllegalArgumentException the runs of one configuration differ in the field (the seed): it does not label configurations
     */
    public ClusterAgreement agreementOfConfigurations(Dendrogram tree, List<Configurations.Configuration> configurations,
                                                     Map<String, RunState> runs) {
        List<String> labels = new ArrayList<>();
        for (String leaf : tree.labels()) {
            Configurations.Configuration c = configurations.stream().filter(x -> x.label().equals(leaf)).findFirst().orElse(null);
            labels.add(c == null ? null : common(c, runs));
        }
        return ClusterAgreement.of(tree, labels);
    }

    private String common(Configurations.Configuration c, Map<String, RunState> runs) {
        Set<String> values = new LinkedHashSet<>();
        for (String run : c.runs()) values.add(of(runs.get(run)));
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " differs between the runs of configuration " + c.label() + " ("
                    + String.join(", ", values.stream().map(String::valueOf).toList()) + "), so it does not label configurations");
        }
        return values.iterator().next();
    }
}
