package org.predspace.training.engine;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.predspace.platform.NativeLibraries;

import java.util.Arrays;

/**
 * DL4J's updaters as libnd4j 1.0.0-M2.1 computes them (helpers/cpu/updater*.cpp, all float32
 * arithmetic), on plain float arrays. Why not call the ND4J op: the fused adam_updater op
 * costs ~0.6 ms (up to 1.5 ms under load) for the 101,770 parameters of MLP 784-128-10,
 * about half of PyTorch's whole step; this loop takes a tenth of that. Hyper-parameters
 * (betas, epsilon, momentum, decay) are read from DL4J's own updater configuration.
 */
abstract class UpdateRule {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    /** Turns the (regularised) gradient {@code g} into the update to subtract, in place. */
    abstract void toUpdate(float[] g, double learningRate, int iteration);

    static UpdateRule of(IUpdater config, int size) {
        if (config instanceof Sgd) return new PlainSgd();
        if (config instanceof Nesterovs n) return new NesterovMomentum(n, size);
        if (config instanceof Adam a) return new AdamRule(a, size);
        if (config instanceof RmsProp r) return new RmsPropRule(r, size);
        throw new IllegalArgumentException("no dense update rule for " + config);
    }

    /** sgd_updater: u = lr g. */
    private static final class PlainSgd extends UpdateRule {
        @Override
        void toUpdate(float[] g, double learningRate, int iteration) {
            float lr = (float) learningRate;
            for (int i = 0; i < g.length; i++) g[i] = g[i] * lr;
        }
    }

    /** nesterovs_updater: v' = mu v - lr g; u = mu v + (-mu - 1) v'. State starts at 0. */
    private static final class NesterovMomentum extends UpdateRule {
        private final Nesterovs config;
        private final float[] v;

        NesterovMomentum(Nesterovs config, int size) {
            this.config = config;
            this.v = new float[size];
        }

        @Override
        void toUpdate(float[] g, double learningRate, int iteration) {
            float lr = (float) learningRate;
            float mu = (float) config.currentMomentum(iteration, 0);
            float muT = -mu - 1;
            for (int i = 0; i < g.length; i++) {
                float previous = mu * v[i];
                v[i] = previous - lr * g[i];
                g[i] = previous + muT * v[i];
            }
        }
    }

    /**
     * adam_updater: m' = b1 m + g (1 - b1); v' = b2 v + g g (1 - b2);
     * u = m' a / (sqrt(v') + eps) with a = lr sqrt(1 - b2^t) / (1 - b1^t), t = iteration + 1:
     * the bias correction folded into the step size, epsilon outside the square root and
     * not bias-corrected. State starts at 0.
     */
    private static final class AdamRule extends UpdateRule {
        private final float beta1;
        private final float beta2;
        private final float epsilon;
        private final float[] m;
        private final float[] v;

        AdamRule(Adam config, int size) {
            this.beta1 = (float) config.getBeta1();
            this.beta2 = (float) config.getBeta2();
            this.epsilon = (float) config.getEpsilon();
            this.m = new float[size];
            this.v = new float[size];
        }

        @Override
        void toUpdate(float[] g, double learningRate, int iteration) {
            float lr = (float) learningRate;
            float t = (float) iteration + 1;
            float beta1T = (float) Math.pow(beta1, t);
            float beta2T = (float) Math.pow(beta2, t);
            float alpha = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
            if (Float.isNaN(alpha) || alpha == 0 || Float.isInfinite(alpha)) alpha = epsilon;
            float keep1 = 1 - beta1;
            float keep2 = 1 - beta2;
            for (int i = 0; i < g.length; i++) {
                float gi = g[i];
                m[i] = beta1 * m[i] + gi * keep1;
                v[i] = beta2 * v[i] + gi * gi * keep2;
                g[i] = (m[i] * alpha) / ((float) Math.sqrt(v[i]) + epsilon);
            }
        }
    }

    /**
     * rms_prop_updater: s' = s decay + g g (1 - decay); u = lr g / (sqrt(s') + eps).
     * State starts at eps (RmsPropUpdater.setStateViewArray).
     */
    private static final class RmsPropRule extends UpdateRule {
        private final float decay;
        private final float epsilon;
        private final float[] s;

        RmsPropRule(RmsProp config, int size) {
            this.decay = (float) config.getRmsDecay();
            this.epsilon = (float) config.getEpsilon();
            this.s = new float[size];
            Arrays.fill(s, epsilon);
        }

        @Override
        void toUpdate(float[] g, double learningRate, int iteration) {
            float lr = (float) learningRate;
            float keep = 1 - decay;
            for (int i = 0; i < g.length; i++) {
                float gi = g[i];
                s[i] = s[i] * decay + gi * gi * keep;
                g[i] = (lr * gi) / ((float) Math.sqrt(s[i]) + epsilon);
            }
        }
    }
}
