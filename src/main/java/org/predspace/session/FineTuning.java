package org.predspace.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a fine-tuned run starts (docs/tasks.md): run.json's spec "init_from" names the parent run
 * (its name or its folder), "init_from_step" the parent's step whose parameters the child started
 * from. The pictures draw the child as a continuation of the parent from that checkpoint, and its
 * steps count on from there.
 *
 * @param parent     the parent's run name (the last element of a folder path)
 * @param parentStep the parent's step, or {@link #LAST} when the spec does not say: the parent's last checkpoint
 */
public record FineTuning(String parent, long parentStep) {
    public static final long LAST = -1;

    /** The fine-tuning a run's spec records; empty for a run trained from a fresh initialisation. */
    public static Optional<FineTuning> of(Map<String, Object> spec) {
        Object from = spec.get("init_from");
        if (!(from instanceof String text) || text.isBlank()) return Optional.empty();
        Object step = spec.get("init_from_step");
        long at = step instanceof Number n && n.doubleValue() >= 0 ? n.longValue() : LAST;
        return Optional.of(new FineTuning(runName(text.strip()), at));
    }

    public static Optional<FineTuning> of(RunState run) { return of(run.spec()); }

    /** A folder path's last element ("runs/parent/" is "parent"); a bare name is itself. */
    private static String runName(String ref) {
        String s = ref;
        while (s.length() > 1 && (s.endsWith("/") || s.endsWith("\\"))) s = s.substring(0, s.length() - 1);
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return s.substring(cut + 1);
    }

    /** The parent among {@code runs}, by name or by folder name; null when it is not open. */
    public RunState parentIn(Collection<RunState> runs) {
        for (RunState r : runs) if (r.name().equals(parent)) return r;
        for (RunState r : runs) if (r.dir() != null && r.dir().getFileName() != null && r.dir().getFileName().toString().equals(parent)) return r;
        return null;
    }

    /** The parent's step the child starts at: the recorded one, or {@code parent}'s last checkpoint; LAST when neither is known. */
    public long startStep(RunState parentState) {
        if (parentStep != LAST) return parentStep;
        if (parentState == null) return LAST;
        long[] steps = parentState.checkpointSteps();
        return steps.length == 0 ? LAST : steps[steps.length - 1];
    }

    /** "fine-tuned from PARENT at step S", for the hover card and details. */
    public String describe(RunState parentState) {
        long s = startStep(parentState);
        return "fine-tuned from " + parent + (s == LAST ? " at its last checkpoint" : " at step " + s);
    }

    /**
     * How many steps the child's own steps are drawn after on step axes: the parent's step it
     * started from, 0 when unknown or not fine-tuned.
     */
    public static long stepOffset(RunState run, Collection<RunState> runs) {
        Optional<FineTuning> f = of(run);
        if (f.isEmpty()) return 0;
        long s = f.get().startStep(f.get().parentIn(runs));
        return Math.max(0, s);
    }

    /**
     * The connectors a picture draws: for every fine-tuned run whose parent's checkpoint at the
     * start step is among the first {@code n} points, the index of that point and of the child's
     * first point.
     *
     * @param runs the runs by name (their specs say who is fine-tuned from whom)
     */
    public static List<int[]> connectors(List<PointInfo> points, int n, Map<String, RunState> runs) {
        Map<String, Integer> first = new HashMap<>();
        Map<String, Map<Long, Integer>> byStep = new HashMap<>();
        for (int i = 0; i < n; i++) {
            PointInfo p = points.get(i);
            if (p.isAnchor()) continue;
            first.putIfAbsent(p.run(), i);
            byStep.computeIfAbsent(p.run(), k -> new HashMap<>()).put(p.step(), i);
        }
        List<int[]> out = new ArrayList<>();
        for (Map.Entry<String, Integer> child : first.entrySet()) {
            RunState state = runs.get(child.getKey());
            if (state == null) continue;
            Optional<FineTuning> f = of(state);
            if (f.isEmpty()) continue;
            RunState parent = f.get().parentIn(runs.values());
            if (parent == null) continue;
            long step = f.get().startStep(parent);
            Integer from = byStep.getOrDefault(parent.name(), Map.of()).get(step);
            if (from != null) out.add(new int[] {from, child.getValue()});
        }
        out.sort(Comparator.comparingInt(c -> c[1]));
        return out;
    }
}
