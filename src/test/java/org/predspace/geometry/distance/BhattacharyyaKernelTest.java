package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The kernel's tiles: every split of a block's rows into calls, blocks of one to three
 * models and odd widths, below the diagonal and across blocks, for every layout of the class
 * passes (C = 2, 3, 10, 11), give the plain formula's distances, and the same bits whatever
 * the split (a distance must not depend on how its rows were tiled).
 */
class BhattacharyyaKernelTest {
    private static ModelBlock block(ProbeShape shape, List<SqrtProbabilities> points) {
        ModelBlock b = new ModelBlock(shape, points.size() + 3);
        for (SqrtProbabilities p : points) b.add(p.values());
        return b;
    }

    /** The rows of a against b computed in calls of {@code rows} rows each (the last shorter). */
    private static double[][] tiled(ModelBlock a, ModelBlock b, boolean belowDiagonal, int rows) {
        double[][] out = new double[a.count()][];
        for (int i = 0; i < out.length; i++) out[i] = new double[belowDiagonal ? Math.min(i, b.count()) : b.count()];
        BhattacharyyaKernel kernel = new BhattacharyyaKernel();
        for (int i0 = 0; i0 < out.length; i0 += rows) {
            int i1 = Math.min(out.length, i0 + rows);
            double[][] view = new double[i1 - i0][];
            System.arraycopy(out, i0, view, 0, view.length);
            kernel.distances(a, i0, i1, b, belowDiagonal, view);
        }
        return out;
    }

    @Test
    void everyTilingOfEveryShapeGivesThePlainFormulaAndTheSameBits() {
        for (int classes : new int[] {2, 3, 10, 11}) {
            ProbeShape shape = new ProbeShape("probe", 41, classes);
            for (int width : new int[] {1, 2, 3, 17, 40}) {
                List<SqrtProbabilities> bs = TestPoints.random(100 + classes * 7L + width, shape, width, 3.0);
                for (int count : new int[] {1, 2, 3, 5}) {
                    List<SqrtProbabilities> as = TestPoints.random(classes * 11L + count, shape, count, 3.0);
                    ModelBlock a = block(shape, as);
                    ModelBlock b = block(shape, bs);
                    double[][] whole = tiled(a, b, false, count);
                    for (int rows = 1; rows <= count; rows++) {
                        double[][] t = tiled(a, b, false, rows);
                        for (int i = 0; i < count; i++) {
                            assertArrayEquals(whole[i], t[i], "C = " + classes + ", " + count + " x " + width + ", rows " + i + " in calls of " + rows);
                        }
                    }
                    for (int i = 0; i < count; i++) {
                        for (int j = 0; j < width; j++) {
                            double plain = BhattacharyyaDistance.between(as.get(i), bs.get(j));
                            assertEquals(plain, whole[i][j], 1e-6 * plain + 1e-7, "C = " + classes + ", d(" + i + ", " + j + ") of " + count + " x " + width);
                        }
                    }
                }
                // the triangle of a block with itself, in calls of 1, 2, 3 and all rows
                ModelBlock b = block(shape, bs);
                double[][] whole = tiled(b, b, true, width);
                for (int rows = 1; rows <= 3; rows++) {
                    double[][] t = tiled(b, b, true, rows);
                    for (int i = 0; i < width; i++) assertArrayEquals(whole[i], t[i], "C = " + classes + ", triangle of " + width + ", row " + i + " in calls of " + rows);
                }
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j < i; j++) {
                        double plain = BhattacharyyaDistance.between(bs.get(i), bs.get(j));
                        assertEquals(plain, whole[i][j], 1e-6 * plain + 1e-7, "C = " + classes + ", triangle d(" + i + ", " + j + ") of " + width);
                    }
                }
            }
        }
    }
}
