package org.predspace.ui.spectrum;

import org.predspace.session.CheckpointRef;
import org.predspace.spectra.SpectrumKind;
import org.predspace.ui.SnapshotChoice;

/**
 * What identifies a computed spectrum, for the cache and for labelling: a result carries the
 * key it was asked for, so it can only ever be drawn under that run and step.
 *
 * @param step the selected checkpoint's step (a snapshot of another step may stand in, see {@link SnapshotChoice})
 * @param n    probe samples asked for (the run may have fewer)
 * @param k    Hessian: leading eigenvalues asked for; 0 for the other kinds, which do not use it
 */
public record SpectrumKey(String run, long step, SpectrumKind kind, int n, int k) {
    public static SpectrumKey of(CheckpointRef ref, SpectrumKind kind, int n, int hessianK) {
        return new SpectrumKey(ref.run(), ref.step(), kind, n, kind == SpectrumKind.HESSIAN ? hessianK : 0);
    }

    /** "fim of iris-mlp at step 30, n = 200", the background task's title. */
    public String describe() {
        return kind.id() + " spectrum of " + run + " at step " + step + ", n = " + n + (k > 0 ? ", k = " + k : "");
    }
}
