package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.runs.Run;
import org.predspace.tasks.Task;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.*;
import java.util.Arrays;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Live training of two tasks and a fine-tuned child:
 * they meet in the imprinted picture, and the child's first point is its parent's checkpoint.
 */
@Tag("slow")
class LiveTaskPictureTest {
    @TempDir Path tmp;

    private static TrainingSpec.Builder base(String name) {
        return TrainingSpec.builder("digits").architecture(Architecture.MLP).optimizer(OptimizerKind.ADAM).learningRate(0.01)
                .batchSize(32).epochs(2).checkpoints(6).probeSize(200).seed(0).snapshots(SnapshotPolicy.ALL).name(name);
    }

    /** The imprinted picture once it is exact and holds points of each of {@code runs}. */
    private static PictureFrame imprintedHolding(ExplorerSession s, String... runs) throws InterruptedException {
        return ExplorerSessionTest.waitFor(s.picture(ExplorerSession.Probe.IMPRINTED), f -> {
            if (f == null || f.embedding().exactPoints() != f.size()) return false;
            Set<String> in = new TreeSet<>();
            for (int i = 0; i < f.size(); i++) if (!f.point(i).isAnchor()) in.add(f.point(i).run());
            return in.containsAll(List.of(runs));
        });
    }

    private static void awaitEnded(ExplorerSession s, String... names) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            boolean all = true;
            for (String n : names) all &= s.run(n) != null && s.run(n).phase().ended();
            if (all) return;
            Thread.sleep(100);
        }
        fail("training did not end");
    }

    @Test
    void liveRunsOfTwoTasksAndAFineTunedChildMeetInTheImprintedPicture() throws Exception {
        DatasetCatalog catalog = new DatasetCatalog();
        try (ExplorerSession s = new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(5).inForeground(), 2)) {
            List<String> problems = new CopyOnWriteArrayList<>();
            s.addListener(new ExplorerSession.Listener() {
                public void runChanged(RunState state) { }
                public void problem(String message) { problems.add(message); }
            });
            long t0 = System.nanoTime();
            s.train(List.of(base("full").build(), base("evenodd").task(Task.parse("even-odd", "digits")).build()), tmp, catalog);
            awaitEnded(s, "full", "evenodd");
            System.out.printf("two runs trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            System.out.println("problems: " + problems);
            System.out.println("full: " + s.run("full").message() + " / evenodd: " + s.run("evenodd").message() + " spec " + s.run("evenodd").spec());
            s.picture(ExplorerSession.Probe.IMPRINTED).refresh();
            PictureFrame f = imprintedHolding(s, "full", "evenodd");
            Set<String> in = new TreeSet<>();
            for (int i = 0; i < f.size(); i++) if (!f.point(i).isAnchor()) in.add(f.point(i).run());
            assertEquals(Set.of("evenodd", "full"), in);
            PictureFrame t = s.picture(ExplorerSession.Probe.TRAINING).frame();
            Set<String> inT = new TreeSet<>();
            for (int i = 0; i < t.size(); i++) if (!t.point(i).isAnchor()) inT.add(t.point(i).run());
            System.out.println("training picture holds " + inT);
            for (int i = 0; i < f.size(); i++) {
                PointInfo p = f.point(i);
                if (!p.isAnchor()) System.out.printf("%s step %d imprinted acc %.3f progress %.3f trainAcc %.3f%n", p.run(), p.step(), p.accuracy(), p.progress(), p.trainAccuracy());
            }

            Run parent = Run.open(tmp.resolve("full"));
            long at = parent.parameterSteps()[2];
            s.train(List.of(base("child").task(Task.parse("low-high", "digits")).initFrom(parent.dir().toString()).initFromStep(at).build()),
                    tmp, catalog);
            awaitEnded(s, "child");
            System.out.println("child: " + s.run("child").message() + " spec " + s.run("child").spec());
            s.picture(ExplorerSession.Probe.IMPRINTED).refresh();
            f = imprintedHolding(s, "full", "evenodd", "child");
            Map<String, RunState> runs = new LinkedHashMap<>();
            for (RunState r : s.runs()) runs.put(r.name(), r);
            List<int[]> c = FineTuning.connectors(f.points(), f.size(), runs);
            assertEquals(1, c.size());
            System.out.printf("connector from %s step %d to %s step %d; progress %.6f vs %.6f%n", f.point(c.get(0)[0]).run(),
                    f.point(c.get(0)[0]).step(), f.point(c.get(0)[1]).run(), f.point(c.get(0)[1]).step(),
                    f.point(c.get(0)[0]).progress(), f.point(c.get(0)[1]).progress());
            double len = 0;
            for (int a = 0; a < 5; a++) len += Math.pow(f.coordinate(c.get(0)[0], a) - f.coordinate(c.get(0)[1], a), 2);
            System.out.printf("connector length %.3g in 5 axes%n", Math.sqrt(len));
            assertEquals(f.point(c.get(0)[0]).step(), at);
            assertEquals("child", f.point(c.get(0)[1]).run());
            assertTrue(Math.sqrt(len) < 1e-9, "the connector has no length in the imprinted picture: " + Math.sqrt(len));
            Run child = Run.open(tmp.resolve("child"));
            float[] a = parent.imprinted().predictions(Arrays.binarySearch(parent.steps(), at));
            float[] b = child.imprinted().predictions(0);
            double maxDiff = 0;
            for (int i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            System.out.printf("child step %d imprinted rows vs parent's at step %d: max |diff| %.3g%n", child.steps()[0], at, maxDiff);
            assertEquals(0, maxDiff, 1e-7, "the child starts with its parent's body: the same imprinted rows");
            assertEquals(2, problems.stream().filter(m -> m.contains("drawn in the imprinted picture only")).count(), problems.toString());   // the other first task and the child
        }
    }
}
