package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /**
     * A native library that fails to load throws an ExceptionInInitializerError in the training
     * thread. It once left the run's future incomplete and awaitAll waiting for ever; a second
     * run of the same data set waited for the first one's load, for ever too.
     */
    @Test
    void anErrorLoadingTheDataFailsEveryRunInPlainWordsAndAwaitAllReturns(@TempDir Path out) {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        DatasetProvider broken = id -> { throw new ExceptionInInitializerError(new IllegalStateException("native cache locked")); };
        try (TrainingPool pool = new TrainingPool(2, broken)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(List.of(spec(0, 1), spec(1, 1)), out, events::add);
            List<RunStatus> statuses = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TrainingPool.awaitAll(handles));
            assertEquals(Arrays.asList(null, null), statuses, "both runs failed");
            for (TrainingPool.RunHandle h : handles) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> h.status().get(1, TimeUnit.SECONDS));
                assertInstanceOf(ExceptionInInitializerError.class, e.getCause());
            }
            List<String> failures = events.stream().filter(e -> e instanceof TrainingEvent.Failed)
                    .map(e -> ((TrainingEvent.Failed) e).message()).toList();
            assertEquals(2, failures.size(), events::toString);
            for (String m : failures) {
                assertEquals("a library failed to load: ExceptionInInitializerError (IllegalStateException: native cache locked)", m);
            }
        }
    }

    /**
     * An error after the run folder exists (here thrown by the listener, as a broken UI or a
     * library would throw it inside the loop): the run is marked failed on disk with the
     * reason, keeps the checkpoint it committed, and its handle completes.
     */
    @Test
    void anErrorDuringTrainingMarksTheRunFailedWithTheReasonOnDisk(@TempDir Path out) throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        AtomicBoolean thrown = new AtomicBoolean();
        try (TrainingPool pool = new TrainingPool(1, id -> BLOBS)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(List.of(spec(0, 3)), out, e -> {
                events.add(e);
                if (e instanceof TrainingEvent.CheckpointSaved && thrown.compareAndSet(false, true)) {
                    throw new AssertionError("injected into the first checkpoint");
                }
            });
            List<RunStatus> statuses = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TrainingPool.awaitAll(handles));
            assertNull(statuses.get(0));
            TrainingEvent.Failed failed = (TrainingEvent.Failed) events.get(events.size() - 1);
            assertEquals("internal error: AssertionError: injected into the first checkpoint", failed.message());

            Run run = Run.open(handles.get(0).dir());
            assertEquals(RunStatus.FAILED, run.status());
            assertFalse(run.interrupted());
            assertEquals(1, run.checkpointCount(), "the checkpoint committed before the error stays");
            assertEquals("Failed after 1 checkpoint (last step 0): internal error: AssertionError: injected into the first checkpoint",
                    run.statusMessage());
            assertEquals(failed.message(), run.summary().get("reason"));
        }
    }

    /** Closing the pool (a window closed) must end the runs still queued, or whoever awaits them waits for ever. */
    @Test
    void closingThePoolEndsTheRunsThatNeverStarted(@TempDir Path out) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        List<TrainingPool.RunHandle> handles;
        try (TrainingPool pool = new TrainingPool(1, id -> BLOBS)) {
            handles = pool.submitAll(List.of(spec(0, 3), spec(1, 3)), out, e -> {
                events.add(e);
                if (e instanceof TrainingEvent.Started) {
                    started.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);   // holds the only worker until close interrupts it
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertTrue(started.await(60, TimeUnit.SECONDS));
        }
        release.countDown();
        List<RunStatus> statuses = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TrainingPool.awaitAll(handles));
        assertEquals(RunStatus.CANCELLED, statuses.get(1), "the queued run ended as cancelled");
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.Finished f && f.runName().equals(handles.get(1).spec().name())
                && f.status() == RunStatus.CANCELLED), events::toString);
    }
}
