package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.inpca.LiveEmbedding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reopened workspace shows the picture it saved (PredictionPicture.orientBy): its runs,
 * opened in another order, give the same InPCA axes with perhaps other signs, and the saved
 * coordinates set those signs, and nothing else, so every point lands where it was saved.
 */
class PictureOrientationTest {
    @TempDir
    Path tmp;

    private static ExplorerSession session() {
        return new ExplorerSession(LiveEmbedding.Settings.defaults().inForeground(), 1);
    }

    private static PictureFrame open(ExplorerSession s, List<Path> dirs) throws Exception {
        for (Path d : dirs) s.open(d);
        PredictionPicture p = s.picture(ExplorerSession.Probe.TRAINING);
        p.refresh();
        return p.frame();
    }

    @Test
    void savedCoordinatesSetTheSignsOfTheAxesOfRunsOpenedInAnotherOrder() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, 4, 10);
        Map<PredictionPicture.PointKey, double[]> saved = new HashMap<>();
        double extent = 0;
        try (ExplorerSession first = session()) {
            PictureFrame f = open(first, dirs);
            for (int i = 0; i < f.size(); i++) {
                double[] x = new double[f.axes()];
                for (int a = 0; a < x.length; a++) x[a] = f.coordinate(i, a) * (a == 0 || a == 2 ? -1 : 1);   // saved with axes 1 and 3 the other way
                saved.put(PredictionPicture.PointKey.of(f.point(i)), x);
                extent = Math.max(extent, Math.abs(x[0]));
            }
        }
        List<Path> reversed = new ArrayList<>(dirs);
        Collections.reverse(reversed);
        try (ExplorerSession again = session()) {
            Map<PredictionPicture.PointKey, double[]> some = new HashMap<>();
            saved.forEach((k, x) -> { if (k.checkpoint() % 3 == 0) some.put(k, x); });   // a workspace keeps a few points per run
            again.picture(ExplorerSession.Probe.TRAINING).orientBy(some);
            PictureFrame f = open(again, reversed);
            assertEquals(saved.size(), f.size());
            for (int i = 0; i < f.size(); i++) {
                double[] x = saved.get(PredictionPicture.PointKey.of(f.point(i)));
                for (int a = 0; a < 3; a++) {
                    assertEquals(x[a], f.coordinate(i, a), 1e-9 * extent, f.point(i).run() + " " + f.point(i).checkpoint() + " axis " + (a + 1));
                }
            }
        }
        try (ExplorerSession unoriented = session()) {
            PictureFrame f = open(unoriented, reversed);
            double worst = 0;
            for (int i = 0; i < f.size(); i++) {
                double[] x = saved.get(PredictionPicture.PointKey.of(f.point(i)));
                for (int a = 0; a < 3; a++) worst = Math.max(worst, Math.abs(x[a] - f.coordinate(i, a)));
            }
            assertTrue(worst > 0.1 * extent, "without the saved coordinates the signs should differ: " + worst);
        }
    }
}
