package org.predspace.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs grouped into configurations, as [A] groups them before averaging over seeds
 * (docs/science.md section 5): two runs belong to one configuration when their specs (run.json)
 * are equal but for the seed and for how the run was recorded (the engine description, the
 * number of checkpoints and parameter snapshots), which do not change how it trains. A run
 * without a spec (imported from elsewhere) is a configuration of its own. Runs that did not
 * learn are left out of every configuration and listed, as [A] leaves them out.
 */
public final class Configurations {
    /** Spec fields that differ between runs of one configuration. */
    static final Set<String> NOT_CONFIGURATION = Set.of("seed", "engine", "checkpoints", "snapshots");

    private Configurations() {}

    /** One configuration: a readable name and its runs, in the order given. */
    public record Configuration(String label, List<String> runs) {
        public Configuration {
            runs = List.copyOf(runs);
        }
    }

    /** @param didNotLearn runs left out (the learning rule marks them: did not learn, or diverged), in the order given */
    public record Grouping(List<Configuration> configurations, List<String> didNotLearn) {
        public Grouping {
            configurations = List.copyOf(configurations);
            didNotLearn = List.copyOf(didNotLearn);
        }
    }

    /**
     * Groups the runs that learned; configurations in the order of their first run. The runs
     * {@code rule} marks (did not learn, or diverged: the app's one rule, a setting) are listed.
     */
    public static Grouping of(List<RunState> runs, LearningRule rule) {
        Map<Object, List<RunState>> groups = new LinkedHashMap<>();
        List<String> left = new ArrayList<>();
        for (RunState r : runs) {
            if (rule.marks(r)) {
                left.add(r.name());
                continue;
            }
            groups.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        List<Configuration> out = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (List<RunState> members : groups.values()) {
            String label = label(members);
            String unique = label;
            for (int n = 2; used.contains(unique); n++) unique = label + " #" + n;
            used.add(unique);
            out.add(new Configuration(unique, members.stream().map(RunState::name).toList()));
        }
        return new Grouping(out, left);
    }

    private static Object key(RunState r) {
        if (r.spec().isEmpty()) return List.of("no spec", r.name());
        Map<String, Object> k = new LinkedHashMap<>(r.spec());
        k.keySet().removeAll(NOT_CONFIGURATION);
        return k;
    }

    /**
     * The runs' common name without the seed: run names end in "-s" and the seed when the app
     * named them ("mnist-mlp-sgd-lr0.05-b128-s1"), so that ending is dropped when every member
     * has it; otherwise the first run's name. With several runs, how many ("x3").
     */
    static String label(List<RunState> members) {
        String first = members.get(0).name();
        if (members.size() == 1) return first;
        String common = withoutSeed(members.get(0));
        for (RunState r : members) {
            if (common == null || !common.equals(withoutSeed(r))) {
                common = null;
                break;
            }
        }
        return (common != null ? common : first) + " \u00d7" + members.size();
    }

    private static String withoutSeed(RunState r) {
        double seed = r.seed();
        if (Double.isNaN(seed) || seed != Math.rint(seed)) return null;
        String suffix = "-s" + (long) seed;
        return r.name().endsWith(suffix) && r.name().length() > suffix.length()
                ? r.name().substring(0, r.name().length() - suffix.length()) : null;
    }
}
