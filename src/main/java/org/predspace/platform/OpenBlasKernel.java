package org.predspace.platform;

import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps OpenBLAS off its SkylakeX (AVX-512) kernels, which give wrong numbers in the build
 * ND4J 1.0.0-M2.1 brings (bytedeco openblas 0.3.19, a DYNAMIC_ARCH build: OpenBLAS issues
 * #2986 and #3454, worked around upstream in 0.3.20). Seen here on an AVX-512 Xeon: the
 * largest eigenvalue of a 100 x 100 symmetric matrix came back 347 instead of 485, and the
 * Fisher and Hessian spectra tests failed the same way; with the Haswell kernels (AVX2, which
 * every AVX-512 CPU also has) all of them pass. OpenBLAS picks its kernels once, from the
 * environment variable OPENBLAS_CORETYPE, when its library is loaded, so the variable is set
 * in this process's C environment (through JNA, the Java 17 way to call setenv) before
 * anything loads ND4J or OpenBLAS (NativeLibraries.prepare). A user's own OPENBLAS_CORETYPE wins; CPUs without AVX-512
 * keep the kernels OpenBLAS picks for them.
 */
final class OpenBlasKernel {
    static final String VARIABLE = "OPENBLAS_CORETYPE";
    static final String SAFE_CORE = "Haswell";
    private static boolean pinned;   // guarded by the class lock

    private OpenBlasKernel() {}

    /**
     * The core type to ask for, given the CPU's flags (/proc/cpuinfo) and the variable's
     * current value: empty when nothing should be set.
     */
    static Optional<String> choose(String cpuFlags, String current) {
        if (current != null && !current.isBlank()) return Optional.empty();
        if (cpuFlags == null) return Optional.empty();
        for (String flag : cpuFlags.split("\\s+")) {
            if (flag.equals("avx512f")) return Optional.of(SAFE_CORE);
        }
        return Optional.empty();
    }

    /**
     * Sets OPENBLAS_CORETYPE where the CPU needs it; idempotent, cheap after the first call.
     * Must run before OpenBLAS is loaded: afterwards it changes nothing.
     */
    static synchronized void pinSafeKernel() {
        if (pinned) return;
        pinned = true;
        Optional<String> core = choose(cpuFlags(), currentValue());
        core.ifPresent(c -> setenv(VARIABLE, c));
    }

    /** The value the C environment holds now (System.getenv is a copy taken at JVM start). */
    static String currentValue() {
        try {
            return CLibrary.keepingInterrupt(() -> NativeLibrary.getInstance("c").getFunction("getenv")
                    .invokeString(new Object[]{VARIABLE}, false));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return System.getenv(VARIABLE);
        }
    }

    private static void setenv(String name, String value) {
        try {
            CLibrary.keepingInterrupt(() -> NativeLibrary.getInstance("c").getFunction("setenv")
                    .invokeInt(new Object[]{name, value, 1}));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // an AVX-512 CPU (the flags said so) whose libc JNA cannot reach: the user can still set it
            System.err.println("PredSpace: could not set " + name + "=" + value + " (" + e.getMessage()
                    + "); on an AVX-512 CPU start PredSpace with that variable set, or spectra may be wrong");
        }
    }

    /** The flags line of /proc/cpuinfo, or null where there is none (not Linux). */
    static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) return line.substring(line.indexOf(':') + 1);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
