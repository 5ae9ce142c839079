package org.predspace.training.spec;

import org.predspace.data.InputShape;

/**
 * Whether a spec's architecture and augmentation fit a data set's input shape. Plain Java, apart
 * from NetworkFactory: the sweep dialog checks its fields on the UI thread, which must never wait
 * for the native libraries NetworkFactory needs (NativeLibraries).
 */
public final class ArchitectureFit {
    private ArchitectureFit() {}

    /** Refuses, with a message naming the problem, a spec that cannot train on data of this shape. */
    public static void check(TrainingSpec spec, InputShape shape) {
        if (spec.architecture().imageOnly() && !shape.image()) {
            throw new IllegalArgumentException("architecture " + spec.architecture().id() + " needs image data, but "
                    + spec.dataset() + " has " + shape + "; use linear or mlp");
        }
        if (spec.shiftAugment() && !shape.image()) {
            throw new IllegalArgumentException("shift augmentation needs image data, but " + spec.dataset() + " has " + shape);
        }
    }
}
