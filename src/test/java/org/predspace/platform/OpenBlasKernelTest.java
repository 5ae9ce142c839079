package org.predspace.platform;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenBlasKernelTest {
    @Test
    void anAvx512CpuGetsTheHaswellKernelsUnlessTheUserChoseOthers() {
        String skylake = " fpu sse2 avx2 fma avx512f avx512dq avx512bw";
        assertEquals(Optional.of("Haswell"), OpenBlasKernel.choose(skylake, null));
        assertEquals(Optional.of("Haswell"), OpenBlasKernel.choose(skylake, " "));
        assertEquals(Optional.empty(), OpenBlasKernel.choose(skylake, "SkylakeX"), "the user's own choice wins");
    }

    @Test
    void otherCpusKeepWhatOpenBlasPicks() {
        assertEquals(Optional.empty(), OpenBlasKernel.choose(" fpu sse2 avx avx2 fma", null));
        // a flag that only starts like the one that matters
        assertEquals(Optional.empty(), OpenBlasKernel.choose(" avx512_vnni_only avx2", null));
        assertEquals(Optional.empty(), OpenBlasKernel.choose(null, null), "no /proc/cpuinfo");
    }

    /** The listener ran before this test: the C environment (what OpenBLAS reads) holds the choice. */
    @Test
    void thisJvmsEnvironmentHoldsTheChoiceOnThisCpu() {
        String flags = OpenBlasKernel.cpuFlags();
        assumeTrue(flags != null, "no /proc/cpuinfo: not Linux");
        OpenBlasKernel.pinSafeKernel();
        String now = OpenBlasKernel.currentValue();
        if (System.getenv("OPENBLAS_CORETYPE") != null) {
            assertEquals(System.getenv("OPENBLAS_CORETYPE"), now, "the user's value is kept");
        } else if (Arrays.asList(flags.trim().split("\\s+")).contains("avx512f")) {
            assertEquals("Haswell", now);
        } else {
            assertNull(now);
        }
    }
}
