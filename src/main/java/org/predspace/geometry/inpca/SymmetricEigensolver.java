package org.predspace.geometry.inpca;

/** Finds the k eigenpairs of largest |lambda| of a symmetric matrix (both ends of the spectrum). */
public interface SymmetricEigensolver {
    /**
     * @param w m x m symmetric, row-major; not modified
     * @param k how many eigenpairs (at most m are returned)
     */
    Eigenpairs leadingByMagnitude(double[] w, int m, int k);
}
