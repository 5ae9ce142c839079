package org.predspace.platform;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JIT policy of a command-line training process: C2, HotSpot's optimising compiler, compiles
 * PredSpace's own methods only; everything else (the JDK, picocli, ND4J's and DL4J's Java side)
 * stays with C1's code.
 *
 * <p>Why: a LeNet run of 10 s of CPU spent about 1.9 s in the C2 compiler thread, nearly all of
 * it in the first seconds, on code that runs hot only while the process starts (class loading
 * from some 70 jars, JavaCPP's resource search, the lambdas and annotation proxies of the
 * libraries), and which C1 runs well enough for the rest of the run. The step's own loops
 * (first convolution's gradient, the updaters) are ours and still get C2. Measured with the
 * same job alternating (bench/README.md, convolutional networks): about 1.4 s less CPU per run.
 * The results cannot change: Java's floating point is strict under every compiler, and the
 * math intrinsics are the same stubs for C1 and C2.
 *
 * <p>How: the launcher's flags cannot come from a jar manifest, so the policy is added at run
 * time as compiler directives (the JDK's documented {@code Compiler.directives_add}, here
 * through the DiagnosticCommand MBean; the first matching directive applies). Only for
 * {@code train}: the explorer's rendering and the vector API of the distance kernels need C2
 * on JDK code. Where the MBean is not there (a runtime image without jdk.management) nothing
 * changes but speed, so it is skipped without a word.
 */
public final class TrainingJit {
    /** Compiler directives (JSON with unquoted keys, as the JDK reads them): ours first, then the rest. */
    static final String DIRECTIVES = "[ { match: \"org/predspace/*.*\", c2: { Exclude: false } },\n"
            + "  { match: \"*.*\", c2: { Exclude: true } } ]\n";
    static final int DIRECTIVE_COUNT = 2;
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String[] STRING_ARRAY = {String[].class.getName()};
    private static boolean applied;   // guarded by the class lock

    private TrainingJit() {}

    /**
     * Restricts C2 to PredSpace's classes for the rest of this process, once; false if the JVM
     * offers no way to (nothing else happens then).
     */
    public static synchronized boolean optimiseOnlyOwnCode() {
        if (applied) return true;
        applied = added(invoke("compilerDirectivesAdd", DIRECTIVES)) == DIRECTIVE_COUNT;
        return applied;
    }

    /**
     * How many directives the JVM's answer reports added ("2 compiler directives added"), 0 when
     * it refused them or could not be asked.
     */
    static int added(String answer) {
        if (answer == null) return 0;
        String first = answer.strip().split("\\s+", 2)[0];
        return first.matches("\\d{1,3}") && answer.contains("compiler directives added") ? Integer.parseInt(first) : 0;
    }

    /**
     * Runs a diagnostic command that reads its directives from a file, written to a temporary
     * one for the call; the command's text output, or null if it could not be run.
     */
    static String invoke(String operation, String directives) {
        Path file = null;
        try {
            file = Files.createTempFile("predspace-jit-", ".json");
            Files.writeString(file, directives);
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation,
                    new Object[] {new String[] {file.toString()}}, STRING_ARRAY);
            return String.valueOf(answer);
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            return null;   // no temporary folder, no MBean, no java.management: only slower
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a file of 120 bytes left in the temporary folder
                }
            }
        }
    }

    /** Removes the last {@code count} directives added (for tests, which share their JVM). */
    static void remove(int count) {
        for (int i = 0; i < count; i++) invokeWithoutArguments("compilerDirectivesRemove");
        synchronized (TrainingJit.class) {
            applied = false;
        }
    }

    private static void invokeWithoutArguments(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation,
                    new Object[] {new String[0]}, STRING_ARRAY);
        } catch (JMException e) {
            throw new IllegalStateException(operation + " failed", e);
        }
    }
}
