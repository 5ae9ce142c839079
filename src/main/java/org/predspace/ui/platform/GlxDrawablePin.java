package org.predspace.ui.platform;

import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a main window's OpenGL drawable bound between frames when JavaFX draws through Mesa's
 * software renderers (llvmpipe, softpipe): a machine without a GPU, a VM, a remote desktop, CI.
 *
 * <p>Why: after presenting each frame, Prism's ES2 pipeline makes its context current on a
 * 1x1 dummy window ({@code ES2SwapChain.present} calls {@code makeCurrent(null)}). Mesa's GLX
 * destroys a window's drawable as soon as no context has it current, so every frame it built
 * the window's back buffer anew: a shared-memory segment the size of the window created, its
 * pages faulted in and zeroed one by one, attached by the X server, and torn down again
 * (strace: two shmget and one X server shmat a frame). Under llvmpipe on two cores that was
 * half of every frame: a 1600 x 950 window with one moving square took 26-29 ms a frame, and
 * 12-13 ms with the drawable kept; with a 3D sub-scene, 39 ms against 22 ms.
 *
 * <p>How: Prism's "dummy" drawable becomes a second drawable of the window's own X window, so
 * {@code makeCurrent(null)} leaves the window current and Mesa keeps its buffers. It must be a
 * second Java object, not the swap chain's drawable itself: Prism rebinds the window's
 * framebuffer (FBO 0) only when the drawable it makes current changes, and some drawing leaves
 * an offscreen framebuffer bound between frames (transparent popups such as tooltips, menus
 * and notifications, which Quantum's UploadingPainter draws offscreen; snapshots). With the
 * drawable itself as the dummy, the window's next frame took that framebuffer for its own and
 * drew into it from then on: the window froze on the screen while the app went on (seen as an
 * empty window's first training that never appeared). With the twin, each frame begins and
 * ends with a change of drawable, as without the pin, and Mesa, asked to make the same context
 * and X drawable current again, leaves them bound. JavaFX has no API for this; the
 * fields are reached by reflection, which works while JavaFX is on the class path (as
 * {@code java -jar} and the installers run it). Where anything differs (another pipeline,
 * another JavaFX, a GPU driver) nothing is changed and {@link #state()} says why. Before the
 * window closes, the real dummy is restored and made current on the render thread, so Mesa
 * lets go of the drawable while its window still exists. {@code -Dpredspace.pinDrawable=false}
 * turns this off (the peer in bench/stall-bench.sh).
 */
public final class GlxDrawablePin {
    private static final Logger LOG = Logger.getLogger(GlxDrawablePin.class.getName());
    private static final boolean ENABLED = !"false".equals(System.getProperty("predspace.pinDrawable"));

    /** What the pin is doing, for tests and the benches. */
    public enum State { WAITING, PINNED, NOT_MESA_SOFTWARE, UNAVAILABLE, OFF }

    private static volatile State state = ENABLED ? State.WAITING : State.OFF;
    private static volatile String renderer = "";
    private static Prism prism;
    /** The stage whose drawable is Prism's dummy now, that drawable and its context (FX thread only). */
    private static Stage owner;
    private static Object pinned, pinnedContext;
    /** Prism's own dummy drawable of each context, to be put back (render thread only). */
    private static final Map<Object, Object> originalDummies = new IdentityHashMap<>();

    private GlxDrawablePin() {}

    public static State state() { return state; }

    /** The GL renderer Prism draws with (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"), once known. */
    public static String renderer() { return renderer; }

    /** Whether {@code stage}'s drawable is the one kept bound now. */
    public static boolean keeps(Stage stage) { return owner == stage && state == State.PINNED; }

    /**
     * Keeps {@code stage}'s drawable bound while it is shown and no other window holds the pin;
     * the pin follows the window's swap chain if JavaFX makes a new one. Call on the FX thread.
     */
    public static void keep(Stage stage) {
        if (!ENABLED || stage.getProperties().putIfAbsent(GlxDrawablePin.class, Boolean.TRUE) != null) return;
        Runnable check = () -> claim(stage);
        stage.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) old.removePostLayoutPulseListener(check);
            if (scene != null) scene.addPostLayoutPulseListener(check);
        });
        if (stage.getScene() != null) stage.getScene().addPostLayoutPulseListener(check);
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> release(stage));
    }

    /** Each pulse: pin the stage's current drawable if nobody holds the pin, or if it is ours and changed. */
    private static void claim(Stage stage) {
        State s = state;
        if (s == State.NOT_MESA_SOFTWARE || s == State.UNAVAILABLE || !stage.isShowing()) return;
        if (owner != null && owner != stage) return;
        Object chain, drawable, context;
        try {
            if (prism == null) prism = new Prism();
            chain = prism.swapChain(stage);
            if (chain == null) return;   // not drawn yet
            drawable = prism.drawable.get(chain);
            context = prism.context.get(chain);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            giveUp(e);
            return;
        }
        if (drawable == pinned) return;
        owner = stage;
        pinned = drawable;
        pinnedContext = context;
        Prism p = prism;
        p.renderThread.execute(() -> {
            try {
                if (renderer.isEmpty()) {
                    renderer = p.renderer(context);
                    if (!isMesaSoftware(renderer)) {
                        state = State.NOT_MESA_SOFTWARE;
                        return;
                    }
                }
                if (!originalDummies.containsKey(context)) originalDummies.put(context, p.dummy.get(context));
                p.dummy.set(context, p.twin(drawable));
                state = State.PINNED;
            } catch (ReflectiveOperationException | RuntimeException e) {
                giveUp(e);
            }
        });
    }

    /**
     * The stage is about to close: put Prism's dummy back and make it current, on the render
     * thread and before the window goes, so Mesa never holds a drawable of a destroyed window.
     * Waits for that (at most a frame or two). Runs after any pin still queued (one thread, in order).
     */
    private static void release(Stage stage) {
        if (owner != stage) return;
        Object context = pinnedContext;
        owner = null;
        pinned = null;
        pinnedContext = null;
        Prism p = prism;
        try {
            p.renderThread.submit(() -> {
                Object original = originalDummies.get(context);
                if (original == null) return null;   // never pinned (not Mesa software)
                p.dummy.set(context, original);
                p.makeCurrent.invoke(context, (Object) null);   // null: the dummy, now the real one
                return null;
            }).get(5, TimeUnit.SECONDS);
            if (state == State.PINNED) state = State.WAITING;
        } catch (Exception e) {
            giveUp(e);
        }
    }

    private static void giveUp(Throwable e) {
        state = State.UNAVAILABLE;
        LOG.log(Level.FINE, "Window drawables are not kept bound between frames", e);
    }

    /** Mesa's software rasterisers, where the per-frame rebuild was measured; not GPU drivers. */
    static boolean isMesaSoftware(String glRenderer) {
        String r = glRenderer.toLowerCase(Locale.ROOT);
        return r.contains("llvmpipe") || r.contains("softpipe") || r.startsWith("software rasterizer");
    }

    /**
     * The JavaFX internals this works on (JavaFX 21's Quantum toolkit and ES2 pipeline), looked
     * up once; a missing one makes the constructor throw, and the pin gives up.
     */
    private static final class Prism {
        final Method peer;
        final Field glassScene, painter, presentable, drawable, context, dummy;
        final Method makeCurrent, glContext, nativeCtxInfo, glRenderer, nativeWindow, pixelFormat, createDrawable;
        final Object glFactory;
        final ExecutorService renderThread;

        Prism() throws ReflectiveOperationException {
            peer = Class.forName("com.sun.javafx.stage.WindowHelper").getMethod("getPeer", Window.class);
            glassScene = field("com.sun.javafx.tk.quantum.GlassStage", "scene");
            painter = field("com.sun.javafx.tk.quantum.ViewScene", "painter");
            presentable = field("com.sun.javafx.tk.quantum.ViewPainter", "presentable");
            drawable = field("com.sun.prism.es2.ES2SwapChain", "drawable");
            context = field("com.sun.prism.es2.ES2SwapChain", "context");
            dummy = field("com.sun.prism.es2.ES2Context", "dummyGLDrawable");
            makeCurrent = method("com.sun.prism.es2.ES2Context", "makeCurrent", Class.forName("com.sun.prism.es2.GLDrawable"));
            glContext = method("com.sun.prism.es2.ES2Context", "getGLContext");
            nativeCtxInfo = method("com.sun.prism.es2.GLContext", "getNativeCtxInfo");
            glRenderer = method("com.sun.prism.es2.GLFactory", "nGetGLRenderer", long.class);
            nativeWindow = method("com.sun.prism.es2.GLDrawable", "getNativeWindow");
            pixelFormat = method("com.sun.prism.es2.GLDrawable", "getPixelFormat");
            createDrawable = method("com.sun.prism.es2.GLFactory", "createGLDrawable", long.class,
                    Class.forName("com.sun.prism.es2.GLPixelFormat"));
            glFactory = field("com.sun.prism.es2.ES2Pipeline", "glFactory").get(null);
            renderThread = (ExecutorService) method("com.sun.javafx.tk.quantum.QuantumRenderer", "getInstance").invoke(null);
        }

        /** The ES2 swap chain that presents {@code window}, or null before its first frame. */
        Object swapChain(Window window) throws ReflectiveOperationException {
            Object p = peer.invoke(null, window);
            Object scene = p == null ? null : glassScene.get(p);
            Object paint = scene == null ? null : painter.get(scene);
            Object chain = paint == null ? null : presentable.get(paint);
            if (chain != null && chain.getClass() != drawable.getDeclaringClass()) {
                throw new IllegalStateException("not the ES2 pipeline: " + chain.getClass().getName());
            }
            return chain;
        }

        /**
         * A second drawable of the same X window as {@code windowDrawable}: a different Java
         * object, so Prism still sees a change of drawable at the start and end of each frame and
         * rebinds the window's framebuffer, but the same X drawable, so Mesa keeps it bound. On
         * the render thread.
         */
        Object twin(Object windowDrawable) throws ReflectiveOperationException {
            return createDrawable.invoke(glFactory, nativeWindow.invoke(windowDrawable), pixelFormat.invoke(windowDrawable));
        }

        /** GL_RENDERER of the context; on the render thread, where the context is current. */
        String renderer(Object ctx) throws ReflectiveOperationException {
            long info = (long) nativeCtxInfo.invoke(glContext.invoke(ctx));
            return String.valueOf(glRenderer.invoke(null, info));
        }

        private static Field field(String cls, String name) throws ReflectiveOperationException {
            Field f = Class.forName(cls).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        }

        private static Method method(String cls, String name, Class<?>... params) throws ReflectiveOperationException {
            Method m = Class.forName(cls).getDeclaredMethod(name, params);
            m.setAccessible(true);
            return m;
        }
    }
}
