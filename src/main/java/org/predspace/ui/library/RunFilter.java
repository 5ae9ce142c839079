package org.predspace.ui.library;

import org.predspace.session.RunState;

import java.util.Locale;
import java.util.Set;

/**
 * Which runs the library lists: architectures and optimisers the user unticked are hidden, and
 * the search text must occur (ignoring case) in the name, data set, architecture or optimiser.
 * Values are listed by what is hidden, so a run of a new kind shows up until it is unticked.
 */
public record RunFilter(Set<String> hiddenArchitectures, Set<String> hiddenOptimizers, String search) {
    public static final RunFilter ALL = new RunFilter(Set.of(), Set.of(), "");

    public RunFilter {
        hiddenArchitectures = Set.copyOf(hiddenArchitectures);
        hiddenOptimizers = Set.copyOf(hiddenOptimizers);
        search = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
    }

    public boolean matches(RunState run) {
        if (hiddenArchitectures.contains(run.architecture()) || hiddenOptimizers.contains(run.optimizer())) return false;
        if (search.isEmpty()) return true;
        for (String s : new String[] {run.name(), run.dataset(), run.architecture(), run.optimizer()}) {
            if (s.toLowerCase(Locale.ROOT).contains(search)) return true;
        }
        return false;
    }
}
