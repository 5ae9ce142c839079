package org.predspace.ui.compare;

import org.predspace.geometry.trajectory.GroupComparison;
import org.predspace.session.RunState;
import org.predspace.session.SpecGroups;

import java.util.ArrayList;
import java.util.List;

/**
 * The Compare panel's Groups view, computed from the run-level distances (no JavaFX): the
 * compared runs grouped by a spec field (the task, by default), the groups' distances averaged
 * over every pair of their runs with the ignorance-to-truth geodesic as a leaf, and the
 * distance between every two groups against progress ({@link GroupComparison}), as
 * {@code compare --by FIELD} prints them. Runs that did not learn stay in.
 *
 * @param groups     the compared runs by value of the field; null when the field groups nothing (see problem)
 * @param comparison the groups' comparison; null when there are no groups
 * @param problem    why there are no groups (no run has the field), or null
 */
record FieldGroups(String field, SpecGroups groups, GroupComparison comparison, String problem) {
    static FieldGroups of(TrajectoryDistances.Result runs, List<RunState> states, String field) {
        List<String> compared = runs.comparison().runs();
        List<RunState> members = states.stream().filter(s -> compared.contains(s.name())).toList();
        if (members.isEmpty()) return new FieldGroups(field, null, null, "no run is compared");
        SpecGroups groups;
        try {
            groups = SpecGroups.of(field, members);
        } catch (IllegalArgumentException e) {
            return new FieldGroups(field, null, null, e.getMessage());
        }
        List<String> labels = new ArrayList<>();
        List<List<Integer>> indices = new ArrayList<>();
        for (SpecGroups.Group g : groups.groups()) {
            labels.add(g.value());
            indices.add(g.runs().stream().map(compared::indexOf).toList());
        }
        var geodesic = runs.geodesic() == null ? null
                : runs.geodesic().reindexed(ConfigurationComparison.GEODESIC, runs.reindexed().get(0).grid());
        return new FieldGroups(field, groups, GroupComparison.of(runs.comparison(), runs.reindexed(), labels, indices, geodesic), null);
    }
}
