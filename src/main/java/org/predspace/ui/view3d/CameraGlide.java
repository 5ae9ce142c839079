package org.predspace.ui.view3d;

import org.predspace.ui.CameraPose;

/**
 * The camera poses between two, for a smooth move from one view to another (a lecture tour's
 * next chapter): eased in and out, the yaw turned the shorter way round, and the distance
 * interpolated in log space so that a zoom by ten feels as even as a zoom by two. At 0 it is
 * {@code from}, at 1 exactly {@code to} (the yaw then jumps by whole turns, which nobody sees).
 */
public record CameraGlide(CameraPose from, CameraPose to) {
    /** How long a glide takes, seconds: long enough to follow, short enough not to wait for. */
    public static final double SECONDS = 0.8;

    /** The pose at time {@code t} in [0, 1] of the glide (clamped). */
    public CameraPose at(double t) {
        if (t <= 0) return from;
        if (t >= 1) return to;
        double e = ease(t);
        double turn = shorterTurn(from.yaw(), to.yaw());
        double logDistance = Math.log(from.distance()) + e * (Math.log(to.distance()) - Math.log(from.distance()));
        return new CameraPose(lerp(from.pitch(), to.pitch(), e), from.yaw() + e * turn, lerp(from.panX(), to.panX(), e),
                lerp(from.panY(), to.panY(), e), Math.exp(logDistance));
    }

    /** Smoothstep: starts and ends at rest, fastest midway. */
    static double ease(double t) { return t * t * (3 - 2 * t); }

    /** The turn from yaw {@code a} to yaw {@code b}, degrees in [-180, 180): poses store yaw unwrapped. */
    static double shorterTurn(double a, double b) {
        double d = ((b - a) % 360 + 360) % 360;
        return d >= 180 ? d - 360 : d;
    }

    private static double lerp(double a, double b, double t) { return a + t * (b - a); }
}
