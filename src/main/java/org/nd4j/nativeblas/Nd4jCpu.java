package org.nd4j.nativeblas;

/**
 * Works around a DL4J 1.0.0-M2.1 bug: its oneDNN check (BaseMKLDNNHelper.mklDnnEnabled)
 * looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by name, but ND4J M2.1 moved that
 * class to {@code org.nd4j.linalg.cpu.nativecpu.bindings}. The lookup fails, DL4J concludes
 * oneDNN is absent, and every convolution falls back to a generic path 4-10x slower. This
 * class answers under the old name by asking the real backend.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() { return INSTANCE; }

        /** Name and meaning as DL4J expects them: true when the loaded backend has oneDNN. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
