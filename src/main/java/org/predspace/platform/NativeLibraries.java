package org.predspace.platform;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The one way into the native libraries (OpenBLAS and ND4J's CPU backend, unpacked by JavaCPP):
 * it chooses where they are unpacked, keeps OpenBLAS off its faulty AVX-512 kernels, and loads
 * them once, on a thread of its own.
 *
 * <p>Why a thread of its own: on a fresh machine loading means unpacking about 400 MB under a
 * file lock, and JavaCPP takes that lock with {@code FileChannel.lock}, which fails at once on a
 * thread with its interrupt flag set. The class whose static initialiser was loading (e.g.
 * {@code org.bytedeco.openblas.global.openblas}) is then erroneous for the rest of the process:
 * every later use throws {@code NoClassDefFoundError}. A closed window or a cancelled task
 * interrupts its background threads, so the first start could poison the process for good.
 * Here the first initialisation of those classes happens on {@value #LOADER_THREAD}, which nobody
 * else holds to interrupt; callers wait for it without being interruptible (an interrupted
 * caller gets its flag back afterwards). Should that thread still find its flag set, it clears
 * it and tries again rather than give up.
 *
 * <p>Every class outside this package that uses ND4J, DL4J or JavaCPP calls {@link #require()}
 * in its static initialiser ({@link #requireBlas()} for classes that call only OpenBLAS), so no
 * code of ours can reach those libraries before they are loaded (ArchitectureTest keeps it so).
 * Main calls {@link #prepareForApp()} first; the window starts loading OpenBLAS at once
 * ({@link #startLoadingBlas()}) so that it is there when the first picture needs it, and ND4J
 * once that picture is drawn ({@link #startLoading()}). If loading really fails (disk full, an unwritable cache folder, an unsupported CPU)
 * {@link #require()} throws {@link Unavailable} with one sentence in plain words, the same
 * sentence {@link #whenFailed} hands to the window; nothing waits for ever.
 */
public final class NativeLibraries {
    /** A cache folder for JavaCPP, read when the system property is not set (CI, test subprocesses). */
    public static final String CACHE_VARIABLE = "PREDSPACE_NATIVE_CACHE";
    static final String LOADER_THREAD = "native-libraries-loader";
    /** Attempts when a load fails through an interrupt (it should not: see the class comment). */
    private static final int ATTEMPTS = 3;

    /** OpenBLAS (with LAPACK) loaded: all the picture's eigensolvers need. */
    private static final CompletableFuture<Void> BLAS_LOADED = new CompletableFuture<>();
    /** ND4J's backend loaded too: training, spectra, anything that makes an INDArray. */
    private static final CompletableFuture<Void> LOADED = new CompletableFuture<>();
    private static final List<Consumer<String>> FAILURE_LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile boolean ready;
    private static volatile boolean blasReady;
    private static boolean nd4jWanted;   // guarded by the class lock
    private static volatile String failure;
    private static boolean prepared;   // guarded by the class lock
    private static Thread loader;      // guarded by the class lock

    private NativeLibraries() {}

    /**
     * For the installed program: unpack into the user's data folder (see JavaCppCache) unless a
     * folder was chosen, then as {@link #prepare()}. Call first in main, before anything else.
     */
    public static synchronized void prepareForApp() {
        if (!prepared) {
            chooseCache();
            JavaCppCache.useUserDataDirectory();   // only where neither the property nor the variable chose one
        }
        prepare();
    }

    /**
     * Chooses the cache folder (the system property, else {@value #CACHE_VARIABLE}, else
     * JavaCPP's own default) and pins OpenBLAS's kernel; idempotent. Both only work before
     * anything loads the libraries, which is why they live here.
     */
    public static synchronized void prepare() {
        if (prepared) return;
        chooseCache();
        OpenBlasKernel.pinSafeKernel();
        prepared = true;
    }

    private static void chooseCache() {
        if (prepared || System.getProperty(JavaCppCache.PROPERTY) != null) return;
        String chosen = System.getenv(CACHE_VARIABLE);
        if (chosen != null && !chosen.isBlank()) System.setProperty(JavaCppCache.PROPERTY, chosen);
    }

    /** Starts loading OpenBLAS and ND4J in the background if nobody has yet; returns at once. */
    public static synchronized void startLoading() {
        startLoadingBlas();
        if (!nd4jWanted) {
            nd4jWanted = true;
            NativeLibraries.class.notifyAll();   // the loader may be waiting for this, OpenBLAS done
        }
    }

    /**
     * Starts loading OpenBLAS alone in the background if nobody has yet; returns at once. The
     * explorer's first picture needs only OpenBLAS; ND4J's much larger load would compete with
     * it for two cores, so it waits until someone asks for it ({@link #startLoading}, {@link #require}).
     */
    public static synchronized void startLoadingBlas() {
        if (loader != null) return;
        prepare();
        // a daemon (as all workers): a program that ends while unpacking must not wait for it
        loader = Workers.thread(LOADER_THREAD, NativeLibraries::load, Workers.Priority.NORMAL);
        loader.start();
    }

    /**
     * Returns once the libraries are loaded, loading them if nobody has yet. Waits through
     * interrupts and restores the caller's interrupt flag afterwards.
     *
     * @throws Unavailable if they cannot be loaded in this process
     */
    public static void require() {
        if (ready) return;
        if (Thread.currentThread() == loaderThread()) return;   // the loader's own use (it must not wait for itself)
        startLoading();
        await(LOADED);
    }

    /**
     * Returns once OpenBLAS is loaded, as {@link #require()} but without waiting for ND4J: for
     * classes that call OpenBLAS (its LAPACK) directly and use nothing of ND4J or DL4J.
     *
     * @throws Unavailable if it cannot be loaded in this process
     */
    public static void requireBlas() {
        if (blasReady) return;
        if (Thread.currentThread() == loaderThread()) return;
        startLoadingBlas();
        await(BLAS_LOADED);
    }

    /** Waits through interrupts for {@code stage}, restoring the caller's interrupt flag afterwards. */
    private static void await(CompletableFuture<Void> stage) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    stage.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new Unavailable(failure, e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static synchronized Thread loaderThread() { return loader; }

    /** Why loading failed, in plain words; empty while loading or once loaded. */
    public static Optional<String> failure() { return Optional.ofNullable(failure); }

    /**
     * Calls {@code listener} once with the plain-words reason if loading fails: on the loader's
     * thread before any waiter hears of it, or at once on this thread if it already has.
     */
    public static void whenFailed(Consumer<String> listener) {
        FAILURE_LISTENERS.add(listener);
        String f = failure;
        if (f != null && FAILURE_LISTENERS.remove(listener)) listener.accept(f);
    }

    /** The loader thread: OpenBLAS first, then ND4J once somebody wants it. */
    private static void load() {
        if (!loadStage(NativeLibraries::loadBlas)) return;
        blasReady = true;
        BLAS_LOADED.complete(null);
        awaitNd4jWanted();
        if (!loadStage(NativeLibraries::loadNd4j)) return;
        ready = true;
        LOADED.complete(null);
    }

    private interface Stage { void load() throws Exception; }

    /** One stage, tried again if an interrupt got in its way; false (and reported) if it failed. */
    private static boolean loadStage(Stage stage) {
        for (int attempt = 1; ; attempt++) {
            Thread.interrupted();   // nobody should interrupt this thread; if someone did, it must not count
            try {
                stage.load();
                return true;
            } catch (Throwable t) {
                if (attempt < ATTEMPTS && causedByInterrupt(t)) continue;
                fail(t);
                return false;
            }
        }
    }

    private static synchronized void awaitNd4jWanted() {
        while (!nd4jWanted) {
            try {
                NativeLibraries.class.wait();
            } catch (InterruptedException e) {
                // nobody should interrupt this thread: keep waiting for a real request
            }
        }
    }

    /**
     * The first initialisation of OpenBLAS's classes, so that it happens here. Both are named:
     * ND4J links the one without LAPACK, our solvers call the other.
     */
    private static void loadBlas() throws Exception {
        checkCacheFolder();
        ClassLoader classes = NativeLibraries.class.getClassLoader();
        Class.forName("org.bytedeco.openblas.global.openblas_nolapack", true, classes);
        Class.forName("org.bytedeco.openblas.global.openblas", true, classes);
    }

    /** The first initialisation of ND4J's backend and native operations. */
    private static void loadNd4j() {
        Nd4j.getBackend();
        NativeOpsHolder.getInstance();
    }

    /**
     * The chosen cache folder must be one JavaCPP can write: otherwise JavaCPP quietly unpacks
     * into ~/.javacpp or the temporary folder instead, or reports only a library it cannot find.
     */
    private static void checkCacheFolder() throws IOException {
        String chosen = System.getProperty(JavaCppCache.PROPERTY);
        Path dir = chosen != null ? Path.of(chosen) : Loader.getCacheDir().toPath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException(dir + " is not a folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("the folder " + dir + " cannot be created (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!Files.isWritable(dir)) throw new IOException(dir + " cannot be written");
    }

    /** Listeners first: whoever was waiting then finds the window already told. */
    private static void fail(Throwable t) {
        failure = describe(t);
        for (Consumer<String> l : FAILURE_LISTENERS) {
            try {
                if (FAILURE_LISTENERS.remove(l)) l.accept(failure);
            } catch (RuntimeException e) {
                e.printStackTrace();   // a listener's fault must not leave the waiters waiting
            }
        }
        BLAS_LOADED.completeExceptionally(t);   // no-op when OpenBLAS loaded and ND4J failed
        LOADED.completeExceptionally(t);
    }

    static boolean causedByInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof FileLockInterruptionException || c instanceof ClosedByInterruptException
                    || c instanceof InterruptedException) return true;
            String m = c.getMessage();
            // JavaCPP wraps the interrupt into an UnsatisfiedLinkError whose message is its class name
            if (m != null && (m.contains("FileLockInterruptionException") || m.contains("ClosedByInterruptException"))) return true;
        }
        return false;
    }

    /** What failed, the first reason given (wrappers without a message skipped), and what the user can do; starts in lower case, after "predspace: ". */
    static String describe(Throwable t) {
        String reason = null;
        for (Throwable c = t; c != null && reason == null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) reason = c.getMessage();
        }
        if (reason == null) reason = t.getClass().getSimpleName();
        reason = reason.strip().replaceAll("\\s+", " ");
        return "the native libraries (OpenBLAS, ND4J) could not be loaded, so nothing can be trained, embedded "
                + "or analysed: " + reason + ". They are unpacked into " + cacheFolder() + " (about 400 MB): check "
                + "that it is a folder you can write on a disk with space, or choose another with "
                + CACHE_VARIABLE + ", then start PredSpace again";
    }

    private static String cacheFolder() {
        String p = System.getProperty(JavaCppCache.PROPERTY);
        return p != null ? p : Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString();
    }

    /** The native libraries cannot be loaded in this process; the message says why in plain words. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) { super(message, cause); }
    }
}
