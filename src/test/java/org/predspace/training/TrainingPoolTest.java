package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class TrainingPoolTest {
    private static final DatasetSplit BLOBS = TestData.blobSplit("blobs");

    private static TrainingSpec spec(long seed, int epochs) {
        return TrainingSpec.builder("blobs").architecture(Architecture.MLP).width(8).hiddenLayers(1)
                .learningRate(0.01).batchSize(8).epochs(epochs).seed(seed).checkpoints(12).build();
    }

    @Test
    void listenersSeeStartProgressEveryCheckpointAndTheEnd(@TempDir Path out) throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        try (TrainingPool pool = new TrainingPool(2, id -> BLOBS)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(List.of(spec(0, 3), spec(1, 3)), out, events::add);
            assertEquals(List.of(RunStatus.FINISHED, RunStatus.FINISHED), TrainingPool.awaitAll(handles));
            for (TrainingPool.RunHandle h : handles) {
                String name = h.spec().name();
                List<TrainingEvent> mine = events.stream().filter(e -> e.runName().equals(name)).toList();
                assertInstanceOf(TrainingEvent.Started.class, mine.get(0));
                assertInstanceOf(TrainingEvent.Finished.class, mine.get(mine.size() - 1));
                long saved = mine.stream().filter(e -> e instanceof TrainingEvent.CheckpointSaved).count();
                assertEquals(Run.open(h.dir()).checkpointCount(), saved, "one event per checkpoint on disk");
                assertTrue(mine.stream().anyMatch(e -> e instanceof TrainingEvent.Progress));
                TrainingEvent.CheckpointSaved firstSaved = (TrainingEvent.CheckpointSaved) mine.stream()
                        .filter(e -> e instanceof TrainingEvent.CheckpointSaved).findFirst().orElseThrow();
                assertArrayEquals(Run.open(h.dir()).predictions(0), firstSaved.probePredictions(),
                        "events carry the predictions that were written");
            }
        }
    }

    @Test
    void cancelStopsARunMidwayAndRecordsIt(@TempDir Path out) throws Exception {
        CountDownLatch someCheckpoints = new CountDownLatch(5);
        try (TrainingPool pool = new TrainingPool(1, id -> BLOBS)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(List.of(spec(0, 2000), spec(1, 1)), out, e -> {
                if (e instanceof TrainingEvent.CheckpointSaved) someCheckpoints.countDown();
            });
            assertTrue(someCheckpoints.await(60, TimeUnit.SECONDS));
            handles.get(0).cancel();
            handles.get(1).cancel(); // still queued behind the first: never starts
            assertEquals(RunStatus.CANCELLED, handles.get(0).status().get(60, TimeUnit.SECONDS));
            assertEquals(RunStatus.CANCELLED, handles.get(1).status().get(60, TimeUnit.SECONDS));
            Run run = Run.open(handles.get(0).dir());
            assertEquals(RunStatus.CANCELLED, run.status());
            assertTrue(run.checkpointCount() >= 5 && run.checkpointCount() < 12);
        }
    }

    @Test
    void badDataFailsTheRunWithItsMessage(@TempDir Path out) {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        try (TrainingPool pool = new TrainingPool(1, id -> { throw new DataFormatException("blobs.csv: row 3 has 2 columns"); })) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(List.of(spec(0, 1)), out, events::add);
            assertNull(TrainingPool.awaitAll(handles).get(0));
            TrainingEvent.Failed failed = (TrainingEvent.Failed) events.get(0);
            assertEquals("blobs.csv: row 3 has 2 columns", failed.message());
        }
    }
}
