package org.predspace.ui;

/**
 * Where the 3D picture's camera stands: the orbit angles about the picture's centre, the pan of
 * the camera across the screen and its distance. Scenes and workspaces store it; an export
 * draws a second view from the same pose, so a figure matches what is on screen.
 *
 * @param pitch    tilt about the horizontal axis, degrees, within [-89, 89]
 * @param yaw      turn about the vertical axis, degrees
 * @param panX     camera shift across the screen, scene units
 * @param panY     camera shift up the screen, scene units
 * @param distance camera distance from the centre, scene units (the picture spans about 1000)
 */
public record CameraPose(double pitch, double yaw, double panX, double panY, double distance) {
    public static final double MIN_DISTANCE = 150;
    public static final double MAX_DISTANCE = 8000;

    /** The oblique view the picture opens with. */
    public static final CameraPose DEFAULT = new CameraPose(-22, -35, 0, 0, 1450);

    public CameraPose {
        if (!Double.isFinite(pitch) || !Double.isFinite(yaw) || !Double.isFinite(panX) || !Double.isFinite(panY)
                || !Double.isFinite(distance)) {
            throw new IllegalArgumentException("camera pose has a non-finite value: " + this);
        }
        pitch = Math.max(-89, Math.min(89, pitch));
        distance = Math.max(MIN_DISTANCE, Math.min(MAX_DISTANCE, distance));
    }
}
