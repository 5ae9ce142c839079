package org.predspace.platform;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a background job does with whatever ended it. A job boundary (the outermost frame of a
 * training, a refresh, a placement) catches every {@link Throwable}, not only exceptions: an
 * {@link Error} such as the ExceptionInInitializerError of a native library that failed to
 * load otherwise ends the thread with the job's future never completed, and whoever waits for
 * it waits for ever. The boundary completes its future and tells the user in
 * {@link #describe plain words}, then calls {@link #rethrowIfFatal}.
 */
public final class JobFailure {
    private JobFailure() {}

    /**
     * One line for the user. Exceptions speak for themselves (their message, or their cause's
     * when they have none); errors get a few words saying what kind of trouble it is, since
     * their own text ("Could not initialize class ...") means nothing to a user.
     */
    public static String describe(Throwable t) {
        Throwable x = unwrapped(t);
        if (x instanceof Exception) {
            String m = message(x);
            if (m != null) return m;
            return x.getCause() != null ? describe(x.getCause()) : x.getClass().getSimpleName();
        }
        if (x instanceof OutOfMemoryError) {
            return "out of memory" + (message(x) == null ? "" : " (" + message(x) + ")");
        }
        if (x instanceof LinkageError) {
            // the gateway knows why OpenBLAS or ND4J could not load: its sentence beats "Could not initialize class"
            return NativeLibraries.failure().orElseGet(() -> "a library failed to load: " + detail(x));
        }
        return "internal error: " + detail(x);
    }

    /**
     * Rethrows what the job's thread must not survive, after the boundary has completed its
     * future and reported it: errors that say the virtual machine itself is broken
     * (InternalError, UnknownError). The thread's uncaught-exception handler then reports it and
     * its pool replaces it. Out of memory and stack overflow are not rethrown: they were
     * thrown into the job's own frames, which have unwound by now and left the memory they
     * held collectable, and they were reported already; rethrowing would only add a stack trace.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError e && !(e instanceof OutOfMemoryError) && !(e instanceof StackOverflowError)) {
            throw e;
        }
    }

    /** The failure itself, without the wrappers that futures and reflection put around it. */
    private static Throwable unwrapped(Throwable t) {
        Throwable x = t;
        while ((x instanceof CompletionException || x instanceof ExecutionException
                || x instanceof InvocationTargetException) && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    /** "NoClassDefFoundError: Could not initialize class ...": an error's kind is half of what it says. */
    private static String detail(Throwable x) {
        String m = message(x);
        if (m != null) return x.getClass().getSimpleName() + ": " + m;
        Throwable cause = x.getCause();
        return cause == null ? x.getClass().getSimpleName() : x.getClass().getSimpleName() + " (" + detail(cause) + ")";
    }

    private static String message(Throwable x) {
        String m = x.getMessage();
        return m == null || m.isBlank() ? null : m;
    }
}
