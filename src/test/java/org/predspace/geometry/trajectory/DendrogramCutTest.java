package org.predspace.geometry.trajectory;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cutting a dendrogram into k clusters, taking leaves out of it, and the agreement of its clusters with labels. */
class DendrogramCutTest {
    /**
     * Points a = 0, b = 1, c = 5, d = 6, e = 20 on a line. Complete linkage: (a, b) at 1, then the
     * tie (c, d) at 1 (the smaller cluster numbers merge first), {a, b} with {c, d} at 6, e last at 20.
     */
    private static Dendrogram line() {
        double[] x = {0, 1, 5, 6, 20};
        double[][] d = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) d[i][j] = Math.abs(x[i] - x[j]);
        return Dendrogram.completeLinkage(List.of("a", "b", "c", "d", "e"), d);
    }

    @Test
    void theTreeIsTheOneWorkedByHand() {
        assertEquals(List.of(new Dendrogram.Merge(0, 1, 1, 2), new Dendrogram.Merge(2, 3, 1, 2),
                new Dendrogram.Merge(5, 6, 6, 4), new Dendrogram.Merge(4, 7, 20, 5)), line().merges());
    }

    @Test
    void eachCutUndoesTheHighestMergesAndOfTwoEqualHeightsTheLaterOneFirst() {
        Dendrogram tree = line();
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, tree.cut(1), "k = 1: one cluster");
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, tree.cut(2));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2}, tree.cut(3));
        // (a, b) and (c, d) both merged at 1: (c, d) was merged second, so it is undone first
        assertArrayEquals(new int[] {0, 0, 1, 2, 3}, tree.cut(4));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, tree.cut(5), "k = n: every leaf alone");
    }

    @Test
    void clustersAreNumberedByTheirFirstLeaf() {
        // e first: the lone far point is leaf 0, so its cluster is 0
        double[] x = {20, 0, 1, 5, 6};
        double[][] d = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) d[i][j] = Math.abs(x[i] - x[j]);
        assertArrayEquals(new int[] {0, 1, 1, 2, 2}, Dendrogram.completeLinkage(List.of("e", "a", "b", "c", "d"), d).cut(3));
    }

    @Test
    void aNumberOfClustersOutsideOneToTheLeavesIsRefusedSayingTheRange() {
        Dendrogram tree = line();
        for (int k : new int[] {0, 6, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tree.cut(k));
            assertEquals("a dendrogram of 5 leaves is cut into 1 to 5 clusters, not " + k, e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Dendrogram.completeLinkage(List.of(), new double[0][0]).cut(1));
        assertArrayEquals(new int[] {0}, Dendrogram.completeLinkage(List.of("alone"), new double[][] {{0}}).cut(1));
    }

    @Test
    void leavesTakenOutTakeTheirMergesWithThemAndTheRestKeepHeightAndOrder() {
        Dendrogram withoutE = line().restrictedTo(0, 1, 2, 3);
        assertEquals(List.of("a", "b", "c", "d"), withoutE.labels());
        assertEquals(List.of(new Dendrogram.Merge(0, 1, 1, 2), new Dendrogram.Merge(2, 3, 1, 2), new Dendrogram.Merge(4, 5, 6, 4)),
                withoutE.merges());
        // without c, d joins {a, b} where {c, d} did, and e last
        Dendrogram withoutC = line().restrictedTo(0, 1, 3, 4);
        assertEquals(List.of("a", "b", "d", "e"), withoutC.labels());
        assertEquals(List.of(new Dendrogram.Merge(0, 1, 1, 2), new Dendrogram.Merge(2, 4, 6, 3), new Dendrogram.Merge(3, 5, 20, 4)),
                withoutC.merges());
        assertThrows(IllegalArgumentException.class, () -> line().restrictedTo(0, 5));
        assertThrows(IllegalArgumentException.class, () -> line().restrictedTo(1, 0));
    }

    @Test
    void agreementCutsIntoOneClusterPerLabelAfterTakingOutTheUnlabelledLeaves() {
        List<String> labels = Arrays.asList("x", "x", "y", "y", null);
        ClusterAgreement agreement = ClusterAgreement.of(line(), labels);
        assertEquals(2, agreement.clusterCount());
        // cut with e still in, two clusters would be {a, b, c, d} and {e}
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), agreement.clusters());
        assertEquals(1, agreement.adjustedRandIndex(), 1e-12);
        assertEquals(List.of("e"), agreement.unlabelled());
    }

    @Test
    void agreementAgainstLabelsThatCutAcrossTheClustersIsNegative() {
        ClusterAgreement agreement = ClusterAgreement.of(line(), List.of("x", "y", "x", "y", "z"));
        assertEquals(List.of("x", "y", "z"), agreement.labels());
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")), agreement.clusters());
        // no pair shares both; label pairs 1 + 1, cluster pairs 1 + 1 of 10: expected 0.4, maximum 2
        assertEquals(-0.4 / 1.6, agreement.adjustedRandIndex(), 1e-12);
        assertTrue(agreement.unlabelled().isEmpty());
        assertEquals(1, ClusterAgreement.of(line(), List.of("x", "x", "x", "x", "x")).adjustedRandIndex(), "one label, one cluster");
        assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.of(line(), Arrays.asList(null, null, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.of(line(), List.of("x")));
    }
}
