package org.predspace.ui.landscape;

/**
 * What a landscape computation gave: a value, or the plain reason it cannot be had for this
 * run (batch norm, no snapshots, different networks), which the panel shows in place of the
 * chart rather than as an error.
 */
record Outcome<V>(V value, String refusal) {
    static <V> Outcome<V> of(V value) { return new Outcome<>(value, null); }

    static <V> Outcome<V> refused(String why) { return new Outcome<>(null, why); }

    boolean isRefused() { return refusal != null; }
}
