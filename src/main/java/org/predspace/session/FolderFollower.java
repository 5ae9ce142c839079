package org.predspace.session;

import org.predspace.platform.JobFailure;
import org.predspace.platform.Workers;
import org.predspace.runs.FailureText;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunFormatException;
import org.predspace.runs.RunTail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows one folder of runs that other processes write (cluster tasks into one shared folder,
 * a PyTorch script using docs/examples/torch_logger.py): {@link ExplorerSession#follow}.
 *
 * <p>It polls, on one background thread, every second by default: a network file system
 * delivers no change events from other machines, so a watch service could only be a hint, and
 * a poll of an idle run costs two stats ({@link RunTail}). Each poll lists the folder (a folder
 * is a run once it has run.json, docs/run-format.md), opens the runs it has not seen, and reads
 * what the others committed since. The first poll opens the runs already there as one job
 * ({@link ExplorerSession#openAll}, one eigendecomposition), later ones one at a time. A run
 * that turns out unreadable or that no picture can hold is told once, by name, and skipped;
 * nothing stops the follower but {@link #close} or the session's end.
 */
public final class FolderFollower implements AutoCloseable {
    public static final Duration EVERY_SECOND = Duration.ofSeconds(1);

    private final ExplorerSession session;
    private final Path folder;
    private final Duration every;
    private final ScheduledExecutorService timer = Workers.scheduled("folder-follower", Workers.Priority.BACKGROUND);
    /** Poll thread only. */
    private final Map<Path, RunTail> tails = new LinkedHashMap<>();
    private final Set<Path> skipped = new HashSet<>();
    private boolean firstPoll = true;
    /** The last problem with the folder itself, told once until it changes (poll thread only). */
    private String folderProblem;
    private volatile Status status;
    private volatile boolean stopped;

    /**
     * What the follower has seen, for a status line.
     *
     * @param runs           runs followed (those skipped not counted)
     * @param checkpoints    checkpoints added since following started, opened ones not counted
     * @param lastCheckpoint when the last of those was added, or null before any
     */
    public record Status(Path folder, int runs, long checkpoints, Instant lastCheckpoint) {
        /** "Following runs: 3 runs, 12 new checkpoints, the last 2 s ago". */
        public String text(Instant now) {
            String s = "Following " + (folder.getFileName() == null ? folder : folder.getFileName()) + ": " + runs + (runs == 1 ? " run" : " runs");
            if (lastCheckpoint == null) return s + ", no new checkpoint yet";
            long ago = Math.max(0, Duration.between(lastCheckpoint, now).toSeconds());
            return s + ", " + checkpoints + " new checkpoint" + (checkpoints == 1 ? "" : "s") + ", the last " + ago + " s ago";
        }
    }

    FolderFollower(ExplorerSession session, Path folder, Duration every) {
        this.session = session;
        this.folder = folder;
        this.every = every;
        this.status = new Status(folder, 0, 0, null);
    }

    void start() {
        timer.scheduleWithFixedDelay(this::pollReported, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The folder followed, absolute. */
    public Path folder() { return folder; }

    public Status status() { return status; }

    public boolean stopped() { return stopped; }

    /**
     * The poll's boundary: a scheduled task that throws is never run again, silently, so every
     * failure is told and the next poll tries again.
     */
    private void pollReported() {
        try {
            poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // close() stops the timer
        } catch (Throwable e) {
            session.followProblem("Following " + folder + ": " + JobFailure.describe(e) + "; trying again in "
                    + every.toSeconds() + " s");
            JobFailure.rethrowIfFatal(e);
        }
    }

    private void poll() throws InterruptedException {
        List<Path> dirs = listRuns();
        if (dirs == null) return;
        List<Path> fresh = new ArrayList<>();
        for (Path d : dirs) {
            Path key = d.toAbsolutePath().normalize();
            if (!tails.containsKey(key) && !skipped.contains(key)) fresh.add(key);
        }
        List<Path> unopened = fresh.stream().filter(d -> !session.isOpen(d)).toList();
        if (firstPoll && unopened.size() > 1) {
            // as one job: one pass of distances and one eigendecomposition, not one per checkpoint
            Set<Path> opened = new HashSet<>();
            for (RunState r : session.openAll(unopened, (done, message) -> {})) opened.add(r.dir().toAbsolutePath().normalize());
            for (Path dir : unopened) {
                if (opened.contains(dir)) continue;
                skipped.add(dir);   // openAll told why
                fresh.remove(dir);
            }
        }
        firstPoll = false;
        for (Path dir : fresh) {
            if (Thread.interrupted()) throw new InterruptedException("following stopped");
            try {
                RunTail tail = session.startFollowing(dir);
                if (tail == null) skipped.add(dir); else tails.put(dir, tail);
            } catch (RunFormatException | IllegalArgumentException e) {
                stopIfInterrupted();
                skip(dir, e);
            }
        }
        long added = 0;
        for (Map.Entry<Path, RunTail> e : List.copyOf(tails.entrySet())) {
            if (Thread.interrupted()) throw new InterruptedException("following stopped");
            try {
                RunTail.Change change = e.getValue().poll();
                session.followed(e.getValue(), change);
                added += change.checkpoints().size();
            } catch (RunFormatException | IllegalArgumentException ex) {
                stopIfInterrupted();
                tails.remove(e.getKey());
                skip(e.getKey(), ex);
            }
        }
        Status was = status;
        status = new Status(folder, tails.size(), was.checkpoints() + added, added > 0 ? Instant.now() : was.lastCheckpoint());
    }

    /** A read stopped by {@link #close} (a ClosedByInterruptException) says nothing about the run. */
    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException("following stopped");
    }

    /** The run folders in the folder now; null (told once) when it cannot be listed. */
    private List<Path> listRuns() {
        String problem;
        try {
            if (Files.isDirectory(folder)) {
                folderProblem = null;
                return RunFolders.find(folder);
            }
            problem = Files.exists(folder) ? "is not a folder" : "no such folder (yet); waiting for it";
        } catch (IOException e) {
            problem = FailureText.describe(e);
        }
        if (!problem.equals(folderProblem)) session.followProblem("Following " + folder + ": " + problem);
        folderProblem = problem;
        return null;
    }

    /** One line for a run that will not be followed (further); the others go on. */
    private void skip(Path dir, Exception e) {
        skipped.add(dir);
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        session.followProblem("Following " + folder + ": skipped " + dir.getFileName() + ": " + why);
    }

    /** Stops following (the runs stay open); waits for a poll under way to end. */
    @Override
    public synchronized void close() {
        if (stopped) return;
        stopped = true;
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                session.followProblem("Following " + folder + ": the last poll did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.followingStopped(this, List.copyOf(tails.keySet()));
    }
}
