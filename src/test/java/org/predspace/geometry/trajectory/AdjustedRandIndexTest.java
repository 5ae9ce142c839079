package org.predspace.geometry.trajectory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.PythonWithNumpy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdjustedRandIndexTest {
    @Test
    void smallCasesWorkedByHand() {
        assertEquals(1, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(1, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {7, 7, -3, -3}), 1e-12, "only the grouping counts, not the names");
        // every pair split the other way: index 0, expected 2 * 2 / 6, maximum 2
        assertEquals(-0.5, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
        // table [[2, 1, 0], [0, 1, 2]]: index 2, rows 3 + 3 pairs, columns 1 + 0 + 1, expected 6 * 3 / 15, maximum 4.5
        assertEquals((2 - 1.2) / (4.5 - 1.2), AdjustedRandIndex.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-12);
        assertEquals(8.0 / 33, AdjustedRandIndex.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 1}), 1e-12, "symmetric");
    }

    @Test
    void bothOneGroupOrBothAllSingletonsAgreeByDefinitionButOneAgainstTheOtherIsZero() {
        assertEquals(1, AdjustedRandIndex.of(new int[] {4, 4, 4}, new int[] {1, 1, 1}));
        assertEquals(1, AdjustedRandIndex.of(new int[] {0, 1, 2, 3}, new int[] {3, 2, 1, 0}));
        assertEquals(1, AdjustedRandIndex.of(new int[] {5}, new int[] {2}), "one item: one group and all singletons at once");
        // index 0 and expected 0 (the singletons have no pair), maximum C(4, 2) / 2
        assertEquals(0, AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-12);
    }

    @Test
    void labelingsOfDifferentItemsOrOfNoneAreRefused() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> AdjustedRandIndex.of(new int[] {0, 1}, new int[] {0}));
        assertTrue(lengths.getMessage().contains("2 and 1 items"), lengths.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdjustedRandIndex.of(new int[0], new int[0]));
    }

    /** numpy computes the contingency-table formula independently on random labelings, some with one group. */
    @Test
    void matchesTheContingencyTableFormulaInNumpyOnRandomLabelings(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(18);
        int cases = 300;
        int[][] a = new int[cases][];
        int[][] b = new int[cases][];
        StringBuilder data = new StringBuilder();
        for (int c = 0; c < cases; c++) {
            int n = 1 + random.nextInt(60);
            int groupsA = 1 + random.nextInt(Math.min(n, 8));
            int groupsB = c % 5 == 0 ? groupsA : 1 + random.nextInt(Math.min(n, 8));
            a[c] = new int[n];
            b[c] = new int[n];
            for (int i = 0; i < n; i++) {
                a[c][i] = random.nextInt(groupsA) - 2;
                // every fifth case b mostly follows a, so values near 1 are tested too
                b[c][i] = c % 5 == 0 && random.nextDouble() < 0.8 ? a[c][i] + 10 : random.nextInt(groupsB);
            }
            data.append(join(a[c])).append(';').append(join(b[c])).append('\n');
        }
        String script = """
                import sys, numpy as np
                def pairs(x):
                    return (x * (x - 1) / 2.0).sum()
                for line in open(sys.argv[1]).read().strip().split('\\n'):
                    a, b = (np.array([int(v) for v in part.split(',')]) for part in line.split(';'))
                    ua, ia = np.unique(a, return_inverse=True)
                    ub, ib = np.unique(b, return_inverse=True)
                    table = np.zeros((len(ua), len(ub)))
                    np.add.at(table, (ia, ib), 1)
                    index = pairs(table)
                    rows = pairs(table.sum(axis=1))
                    columns = pairs(table.sum(axis=0))
                    n = len(a)
                    expected = rows * columns / (n * (n - 1) / 2.0) if n > 1 else 0.0
                    maximum = (rows + columns) / 2.0
                    print(repr(float(1.0 if maximum == expected else (index - expected) / (maximum - expected))))
                """;
        Path input = dir.resolve("labelings.txt");
        Path program = dir.resolve("ari.py");
        Files.writeString(input, data);
        Files.writeString(program, script);
        String[] lines = PythonWithNumpy.require().run(program.toString(), input.toString()).trim().split("\n");
        assertEquals(cases, lines.length);
        double lowest = 1;
        for (int c = 0; c < cases; c++) {
            double ari = AdjustedRandIndex.of(a[c], b[c]);
            assertEquals(Double.parseDouble(lines[c]), ari, 1e-12, "case " + c + ": " + Arrays.toString(a[c]) + " / " + Arrays.toString(b[c]));
            lowest = Math.min(lowest, ari);
        }
        assertTrue(lowest < 0, "random labelings fall below chance now and then: " + lowest);
    }

    private static String join(int[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }
}
