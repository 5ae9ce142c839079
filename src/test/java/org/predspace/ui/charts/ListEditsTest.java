package org.predspace.ui.charts;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListEditsTest {
    /** Counts the items each change adds and removes (a chart rebuilds exactly those series). */
    private static final class Edits {
        int added, removed, changes;

        Edits(ObservableList<String> list) {
            list.addListener((ListChangeListener<String>) c -> {
                changes++;
                while (c.next()) {
                    added += c.getAddedSize();
                    removed += c.getRemovedSize();
                }
            });
        }
    }

    private static List<String> names(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(new String("run" + i));   // distinct objects: compared by identity
        return out;
    }

    /** Reconciles a list holding {@code old} to {@code wanted}, checks the result, and says what it took. */
    private static Edits reconcile(List<String> old, List<String> wanted) {
        ObservableList<String> list = FXCollections.observableArrayList(old);
        Edits edits = new Edits(list);
        ListEdits.reconcile(list, wanted);
        assertEquals(wanted, list);
        return edits;
    }

    @Test
    void newItemsAtTheEndAreAppendedInOneChangeWithoutTouchingTheOthers() {
        List<String> old = names(0, 56);
        List<String> wanted = new ArrayList<>(old);
        wanted.addAll(names(56, 60));
        Edits edits = reconcile(old, wanted);
        assertEquals(1, edits.changes);
        assertEquals(4, edits.added);
        assertEquals(0, edits.removed);
    }

    @Test
    void movingOneItemToTheEndRemovesAndAddsOnlyIt() {
        List<String> old = names(0, 20);
        List<String> wanted = new ArrayList<>(old);
        wanted.add(wanted.remove(7));   // the selected run drawn last
        Edits edits = reconcile(old, wanted);
        assertEquals(1, edits.added);
        assertEquals(1, edits.removed);
    }

    @Test
    void anEqualListIsLeftAlone() {
        List<String> old = names(0, 5);
        assertEquals(0, reconcile(old, new ArrayList<>(old)).changes);
    }

    @Test
    void anyWantedOrderIsReachedFromAnyStart() {
        Random random = new Random(7);
        List<String> pool = names(0, 12);
        for (int trial = 0; trial < 500; trial++) {
            ObservableList<String> list = FXCollections.observableArrayList(sample(pool, random));
            List<String> wanted = sample(pool, random);
            ListEdits.reconcile(list, wanted);
            for (int i = 0; i < wanted.size(); i++) assertEquals(System.identityHashCode(wanted.get(i)), System.identityHashCode(list.get(i)));
            assertEquals(wanted.size(), list.size());
        }
    }

    private static List<String> sample(List<String> pool, Random random) {
        List<String> copy = new ArrayList<>(pool);
        Collections.shuffle(copy, random);
        return new ArrayList<>(copy.subList(0, random.nextInt(copy.size() + 1)));
    }
}
