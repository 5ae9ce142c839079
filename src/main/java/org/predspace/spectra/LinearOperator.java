package org.predspace.spectra;

/** A symmetric linear map known only through its products, as Lanczos needs it. */
public interface LinearOperator {
    int dimension();

    /** out = A v; v must not be modified. */
    void apply(double[] v, double[] out);
}
