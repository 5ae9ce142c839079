package org.predspace.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The system calls behind {@link BackgroundPriority}: gettid and setpriority from the C library,
 * called through JNA (it used to start a {@code renice} process per thread). Linux only: there
 * setpriority(PRIO_PROCESS, tid, nice) sets one thread's nice value. Elsewhere, or when the
 * library cannot be reached or the kernel refuses, nothing changes and stderr says so once.
 */
final class Niceness {
    private static final int PRIO_PROCESS = 0;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final AtomicBoolean SAID = new AtomicBoolean();

    /** The C functions used; errno comes back as a LastErrorException. */
    private interface LibC extends Library {
        int setpriority(int which, int who, int prio) throws LastErrorException;

        int gettid();
    }

    /** Loaded on first use, so a platform without it costs nothing until a worker starts. */
    private static final class C {
        static final LibC LIBRARY = load();

        private static LibC load() {
            if (!Platform.isLinux()) {
                sayOnce("threads keep their priority on " + System.getProperty("os.name")
                        + " (lowering one thread's priority is Linux only): the window may respond more slowly while training");
                return null;
            }
            try {
                return CLibrary.keepingInterrupt(() -> Native.load("c", LibC.class));
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                sayOnce("cannot reach the C library to lower background threads' priority (" + e.getMessage() + ")");
                return null;
            }
        }
    }

    private Niceness() {}

    /** The calling thread's kernel id, or null where there is none to give (not Linux). */
    static Integer currentThreadId() {
        LibC c = C.LIBRARY;
        if (c == null) return null;
        try {
            return c.gettid();
        } catch (UnsatisfiedLinkError e) {
            // a C library older than gettid (glibc before 2.30): the kernel names the thread in /proc
            try {
                return Integer.valueOf(Files.readSymbolicLink(THREAD_SELF).getFileName().toString());
            } catch (IOException | RuntimeException inProc) {
                return null;
            }
        }
    }

    /** Sets thread {@code tid}'s nice value; false (said once) when the kernel refuses. */
    static boolean set(int tid, int nice) {
        LibC c = C.LIBRARY;
        if (c == null) return false;
        try {
            c.setpriority(PRIO_PROCESS, tid, nice);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() != 3) {   // ESRCH: the thread ended meanwhile, nothing to say
                sayOnce("the kernel refused to lower a background thread's priority (errno " + e.getErrorCode() + ")");
            }
            return false;
        } catch (UnsatisfiedLinkError e) {
            sayOnce("cannot lower background threads' priority (" + e.getMessage() + ")");
            return false;
        }
    }

    private static void sayOnce(String line) {
        if (SAID.compareAndSet(false, true)) System.err.println("PredSpace: " + line);
    }
}
