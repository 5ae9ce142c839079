package org.predspace.geometry.inpca;

import java.util.Arrays;

/**
 * Eigenpairs of a symmetric matrix ordered by |lambda|, largest first, negative ones kept
 * (docs/science.md section 3: W is not positive semi-definite). Each vector has a deterministic
 * sign: its largest-magnitude component (the first, on ties) is positive, so that the same
 * input always gives the same picture.
 *
 * @param values  lambda_1 .. lambda_k with |lambda_1| >= |lambda_2| >= ...
 * @param vectors vectors[a] is the unit eigenvector of values[a], length m
 */
public record Eigenpairs(double[] values, double[][] vectors) {

    public int count() { return values.length; }

    public int size() { return vectors.length == 0 ? 0 : vectors[0].length; }

    /** Orders candidates by |lambda| (positive first on exact ties), keeps {@code k}, fixes signs. */
    static Eigenpairs leading(double[] values, double[][] vectors, int k) {
        Integer[] order = new Integer[values.length];
        for (int a = 0; a < order.length; a++) order[a] = a;
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(Math.abs(values[y]), Math.abs(values[x]));
            return c != 0 ? c : Double.compare(values[y], values[x]);
        });
        int kept = Math.min(k, values.length);
        double[] v = new double[kept];
        double[][] u = new double[kept][];
        for (int a = 0; a < kept; a++) {
            v[a] = values[order[a]];
            u[a] = vectors[order[a]].clone();
            fixSign(u[a]);
        }
        return new Eigenpairs(v, u);
    }

    static void fixSign(double[] u) {
        int best = 0;
        for (int i = 1; i < u.length; i++) {
            if (Math.abs(u[i]) > Math.abs(u[best]) * (1 + 1e-12)) best = i;
        }
        if (u[best] < 0) {
            for (int i = 0; i < u.length; i++) u[i] = -u[i];
        }
    }
}
