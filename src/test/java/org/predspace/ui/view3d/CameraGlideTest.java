package org.predspace.ui.view3d;

import org.junit.jupiter.api.Test;
import org.predspace.ui.CameraPose;

import static org.junit.jupiter.api.Assertions.*;

/** The poses between two: eased, the yaw the shorter way round, the distance even in log space, exact at the ends. */
class CameraGlideTest {
    private static final CameraPose A = new CameraPose(-20, 170, -40, 10, 200);
    private static final CameraPose B = new CameraPose(30, -170, 60, -30, 3200);

    @Test
    void startsAndEndsExactlyOnThePoses() {
        CameraGlide g = new CameraGlide(A, B);
        assertEquals(A, g.at(0));
        assertEquals(B, g.at(1));
        assertEquals(B, g.at(1.3));
    }

    @Test
    void midwayEveryPartLiesBetween() {
        CameraPose m = new CameraGlide(A, B).at(0.5);
        assertEquals(5, m.pitch(), 1e-9);
        assertEquals(10, m.panX(), 1e-9);
        assertEquals(-10, m.panY(), 1e-9);
        // log space: halfway from 200 to 3200 is the geometric mean 800, not 1700
        assertEquals(800, m.distance(), 1e-6);
        // 170 to -170 is 20 degrees across 180, not 340 back through 0
        assertEquals(180, m.yaw(), 1e-9);
    }

    @Test
    void yawTurnsTheShorterWayAtEveryMoment() {
        CameraGlide g = new CameraGlide(A, B);
        for (double t = 0; t <= 1; t += 0.05) {
            double yaw = g.at(t).yaw();
            assertTrue(t >= 1 || (yaw >= 170 - 1e-9 && yaw <= 190 + 1e-9), "yaw " + yaw + " at " + t);
        }
        assertEquals(-90, CameraGlide.shorterTurn(0, 270), 1e-12);
        assertEquals(90, CameraGlide.shorterTurn(-720, 90), 1e-12);
        assertEquals(-180, CameraGlide.shorterTurn(0, 180), 1e-12);
    }

    @Test
    void easesInAndOut() {
        CameraGlide g = new CameraGlide(A, B);
        double early = g.at(0.1).pitch() - A.pitch(), middle = g.at(0.55).pitch() - g.at(0.45).pitch();
        double late = B.pitch() - g.at(0.9).pitch();
        // a linear move would cover 5 degrees in each tenth; eased, the ends are slower than the middle
        assertTrue(early < 2 && late < 2 && middle > 6, early + " " + middle + " " + late);
        for (double t = 0.05; t <= 1; t += 0.05) assertTrue(g.at(t).pitch() >= g.at(t - 0.05).pitch(), "monotone");
    }
}
