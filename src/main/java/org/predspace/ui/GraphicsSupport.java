package org.predspace.ui;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;

/**
 * Whether this machine's graphics can draw the 3D picture. JavaFX falls back to a software
 * pipeline without 3D when OpenGL is missing or blacklisted (virtual displays, old drivers);
 * {@code -Dpredspace.no3d=true} turns 3D off by hand, for a driver that crashes.
 */
public final class GraphicsSupport {
    public static final String NO_3D_MESSAGE = """
            This computer's graphics stack offers JavaFX no 3D (no usable OpenGL, or 3D turned off \
            with -Dpredspace.no3d=true). Everything else works: the run library, training, Curves, \
            Spectrum, Compare and Details.
            To get the picture: on Linux install Mesa (apt install libgl1-mesa-dri) or a GPU driver; \
            on a virtual display (Xvfb, remote desktop) start with -Dprism.forceGPU=true, which the \
            PredSpace launcher already sets.""";

    private GraphicsSupport() {}

    public static boolean canDraw3D() {
        return !Boolean.getBoolean("predspace.no3d") && Platform.isSupported(ConditionalFeature.SCENE3D);
    }
}
