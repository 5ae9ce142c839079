package org.predspace.ui.spectrum;

import java.math.BigDecimal;

/**
 * How the panel draws spectra: raw eigenvalues or divided by each spectrum's largest (so runs
 * of different scale start at 1 and their slopes compare, as the papers plot them), and by
 * rank or as a histogram of log10 eigenvalues. The density is a curve over log10 eigenvalue
 * in either plot.
 */
record SpectrumView(boolean normalised, Plot plot) {
    enum Plot {
        RANK("by rank"), HISTOGRAM("histogram of log10");

        private final String text;

        Plot(String text) { this.text = text; }

        @Override
        public String toString() { return text; }
    }

    /** "λ / λmax" or "λ": what the value axes say they show. */
    String quantity() { return normalised ? "λ / λmax" : "λ"; }

    /** The divisor of a spectrum whose largest eigenvalue is {@code largest}: itself when normalised and positive. */
    double divisor(double largest) { return normalised && largest > 0 ? largest : 1; }

    static String decades(double width) {
        return (width == 0.25 ? "¼" : BigDecimal.valueOf(width).stripTrailingZeros().toPlainString()) + " decade";
    }
}
