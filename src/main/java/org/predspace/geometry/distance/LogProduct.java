package org.predspace.geometry.distance;

/**
 * sum_n log x_n as log prod_n x_n without underflow: the product's binary exponent is moved
 * into a long every {@link #CHUNK} factors (exact, a power-of-two scaling), and one log is
 * taken at the end. Valid for factors in [1e-6, 1] (clamped coefficients): 36 of them stay
 * above 1e-216, far from the smallest normal double. See {@link BhattacharyyaKernel}.
 */
public final class LogProduct {
    static final int CHUNK = 36;
    static final double LN2 = Math.log(2);
    private static final long MANTISSA = 0x000f_ffff_ffff_ffffL;
    private static final long EXPONENT_ZERO = 0x3ff0_0000_0000_0000L;

    private double mantissa = 1;
    private long exponent;
    private int pending;

    public void multiply(double factor) {
        mantissa *= factor;
        if (++pending == CHUNK) {
            long bits = Double.doubleToRawLongBits(mantissa);
            exponent += ((bits >>> 52) & 0x7ff) - 1023;
            mantissa = Double.longBitsToDouble((bits & MANTISSA) | EXPONENT_ZERO);
            pending = 0;
        }
    }

    public double log() { return Math.log(mantissa) + exponent * LN2; }

    /** The same renormalisation over product[from, to), exponents accumulated in {@code exponent}. */
    static void renormalise(double[] product, long[] exponent, int from, int to) {
        for (int k = from; k < to; k++) {
            long bits = Double.doubleToRawLongBits(product[k]);
            exponent[k] += ((bits >>> 52) & 0x7ff) - 1023;
            product[k] = Double.longBitsToDouble((bits & MANTISSA) | EXPONENT_ZERO);
        }
    }

    /** log of mantissa * 2^exponent. */
    static double log(double mantissa, long exponent) { return Math.log(mantissa) + exponent * LN2; }
}
