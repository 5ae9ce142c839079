package org.predspace.training.engine;

import org.nd4j.linalg.learning.regularization.Regularization;
import org.predspace.platform.NativeLibraries;

import java.util.List;

/**
 * A run of the flat parameter array that DL4J regularises alike: one layer's weights, or its
 * bias, with the regularisations its configuration gives them (DL4J's getRegularizationByParam).
 *
 * @param offset          first index in the flat parameter and gradient arrays
 * @param length          number of values
 * @param regularizations what DL4J applies to them; empty for none
 * @param statistics      values DL4J updates with its NoOp updater (batch norm's running mean and
 *                        variance): their "gradient" is already the update, subtracted as it is
 */
record ParamRegion(int offset, int length, List<Regularization> regularizations, boolean statistics) {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    ParamRegion {
        regularizations = regularizations == null ? List.of() : List.copyOf(regularizations);
    }

    /** Parameters the network's updater trains. */
    ParamRegion(int offset, int length, List<Regularization> regularizations) {
        this(offset, length, regularizations, false);
    }
}
