package org.predspace.ui.charts;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a list to a wanted order with few edits. A chart's {@code getData().setAll(...)}
 * removes and re-adds every series: with 30 runs open, two runs starting to train made the
 * chart rebuild, restyle and re-rasterise 120 curves in one frame. Appending the two runs'
 * series instead touches only them.
 */
public final class ListEdits {
    private ListEdits() {}

    /**
     * Makes {@code list} equal to {@code wanted} (by identity) with few edits: items not wanted
     * go, the longest run of items already in the wanted order stays put, the rest are removed
     * and inserted where they belong (moving the selected run to the end touches only it).
     */
    public static <T> void reconcile(List<T> list, List<T> wanted) {
        if (sameItems(list, wanted)) return;
        Map<T, Integer> place = new IdentityHashMap<>();
        for (int i = 0; i < wanted.size(); i++) place.put(wanted.get(i), i);
        for (int i = list.size() - 1; i >= 0; i--) if (!place.containsKey(list.get(i))) list.remove(i);
        boolean[] stays = inOrder(list, place);
        for (int i = list.size() - 1; i >= 0; i--) if (!stays[i]) list.remove(i);
        if (sameItems(list, wanted.subList(0, list.size()))) {
            if (list.size() < wanted.size()) list.addAll(wanted.subList(list.size(), wanted.size()));   // new runs at the end: one change
            return;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (i >= list.size() || list.get(i) != wanted.get(i)) list.add(i, wanted.get(i));
        }
    }

    /** Marks a longest subsequence of {@code list} whose wanted places increase (those need not move). */
    private static <T> boolean[] inOrder(List<T> list, Map<T, Integer> place) {
        int n = list.size();
        int[] length = new int[n], previous = new int[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            length[i] = 1;
            previous[i] = -1;
            for (int j = 0; j < i; j++) {
                if (place.get(list.get(j)) < place.get(list.get(i)) && length[j] + 1 > length[i]) {
                    length[i] = length[j] + 1;
                    previous[i] = j;
                }
            }
            if (best < 0 || length[i] > length[best]) best = i;
        }
        boolean[] stays = new boolean[n];
        for (int i = best; i >= 0; i = previous[i]) stays[i] = true;
        return stays;
    }

    private static <T> boolean sameItems(List<T> a, List<T> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }
}
