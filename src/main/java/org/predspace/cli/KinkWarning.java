package org.predspace.cli;

import org.predspace.spectra.SpectrumKind;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

/**
 * The Hessian's products are central differences of gradients, and a gradient jumps where a
 * ReLU's pre-activation or a max-pool's winner changes between w - h v and w + h v. Lanczos seeks
 * out exactly such directions, so on ReLU networks the top of the Hessian spectrum can be wrong by
 * orders of magnitude (measured against PyTorch's exact products: bench/README.md, "Hessian
 * check"; docs/science.md §7). Until the products are exact, every Hessian figure of such a
 * network carries this warning.
 */
final class KinkWarning {
    static final String TEXT = "the Hessian's products are finite differences, which are unreliable at ReLU and max-pool"
            + " kinks: on this network the top eigenvalues can be wrong by orders of magnitude (LeNet, untrained networks;"
            + " docs/science.md section 7). The Fisher (--kind fim) and the sharpness (landscape --sharpness) are not affected.";

    private KinkWarning() {}

    /** Hessian kinds of a network with hidden units (softmax regression has no kinks: its products are exact to rounding). */
    static boolean applies(SpectrumKind kind, TrainingSpec spec) {
        return (kind == SpectrumKind.HESSIAN || kind == SpectrumKind.DENSITY) && spec.architecture() != Architecture.LINEAR;
    }
}
