package org.predspace.runs;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * What training a run again does with the folder an earlier attempt left (a cluster task
 * re-run after a preemption, a node lost, a time limit): a run that ended with a result is kept;
 * one still being written by a live writer is left alone; an interrupted or cancelled one (the
 * scheduler's SIGTERM ends a run as cancelled) is moved aside into the output folder's hidden
 * {@value #ASIDE} folder, never deleted, so the run can be trained again in its place.
 */
public final class RunRetry {
    /** Where earlier attempts go: hidden, so the library and {@link RunFolders#find} skip them. */
    public static final String ASIDE = ".interrupted";
    /**
     * A folder claimed (steps.npy) but without run.json is a writer still creating it for this
     * long; creation takes milliseconds, so one older than this was left by a writer that died.
     */
    static final Duration CREATING = Duration.ofSeconds(60);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunRetry() {}

    /** What {@link #prepare} found and did. */
    public sealed interface Outcome {}

    /** No folder: train. */
    public record Free() implements Outcome {}

    /** A run that ended with a result (finished, diverged) or an error (failed): kept as it is. */
    public record Ended(RunStatus status, String message) implements Outcome {}

    /** Still being written by a live writer, described in words: leave it alone. */
    public record BeingWritten(String writer) implements Outcome {}

    /** An earlier attempt, interrupted or cancelled, now at {@code to}; {@code why} says what it was. */
    public record MovedAside(Path to, String why) implements Outcome {}

    /** A folder that is no run and no writer's claim (the user's own files?): not touched. */
    public record Foreign(String why) implements Outcome {}

    /**
     * Looks at {@code dir} (a run folder inside an output folder) and, when an earlier attempt
     * left it interrupted, moves it aside.
     *
     * @throws IOException the folder could not be read or moved
     */
    public static Outcome prepare(Path dir, Instant now) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return prepareOnce(dir, now);
            } catch (NoSuchFileException e) {
                // another attempt at the same run moved it first: look again
                if (attempt >= 2) throw e;
            }
        }
    }

    private static Outcome prepareOnce(Path dir, Instant now) throws IOException {
        if (!Files.exists(dir)) return new Free();
        if (!Files.isDirectory(dir)) return new Foreign(dir + " is a file, not a run folder");
        if (RunFolders.isRun(dir)) {
            RunManifest manifest;
            try {
                manifest = Run.manifest(dir);
            } catch (RunFormatException e) {
                return new Foreign("its run.json is unreadable (" + e.getMessage() + ")");
            }
            switch (manifest.status()) {
                case FINISHED, DIVERGED, FAILED -> {
                    return new Ended(manifest.status(), endedMessage(manifest));
                }
                case RUNNING -> {
                    if (Run.beingWritten(dir, manifest, now)) return new BeingWritten(manifest.writer().describe());
                    String why = manifest.writer() == null ? "interrupted (run.json says running; it has no writer block)"
                            : "interrupted (its writer, " + manifest.writer().describe() + ", is gone)";
                    return new MovedAside(moveAside(dir, now), why);
                }
                case CANCELLED -> {
                    return new MovedAside(moveAside(dir, now), "cancelled");
                }
            }
            throw new IllegalStateException("unknown status " + manifest.status());
        }
        Path claim = dir.resolve(RunFiles.STEPS);
        if (Files.exists(claim)) {
            Instant claimed = Files.getLastModifiedTime(claim).toInstant();
            if (Duration.between(claimed, now).compareTo(CREATING) < 0) {
                return new BeingWritten("a writer creating it (claimed " + claimed + ")");
            }
            return new MovedAside(moveAside(dir, now), "left by a writer that died while creating it (no run.json)");
        }
        if (isEmpty(dir)) return new MovedAside(moveAside(dir, now), "an empty folder");
        return new Foreign(dir + " exists and is not a run folder (no run.json)");
    }

    private static String endedMessage(RunManifest m) {
        Object reason = m.summary().get("reason");
        String status = m.status().jsonName();
        return status + (reason instanceof String r && !r.isBlank() && !r.equals(status) ? " (" + r + ")" : "");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** Renames {@code dir} to .interrupted/NAME-STAMP beside it (a fresh name if that exists); returns where it went. */
    static Path moveAside(Path dir, Instant now) throws IOException {
        Path aside = Files.createDirectories(dir.toAbsolutePath().getParent().resolve(ASIDE));
        String base = dir.getFileName() + "-" + STAMP.format(now);
        for (int n = 1; ; n++) {
            Path target = aside.resolve(n == 1 ? base : base + "-" + n);
            try {
                // a rename within one folder tree: atomic, the run's files untouched
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (FileAlreadyExistsException e) {
                if (n >= 100) throw e;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot move " + dir + " aside to " + target + " by a rename", e);
            } catch (IOException e) {
                // Linux reports a non-empty target folder as "Directory not empty", not as existing
                if (!Files.exists(target) || n >= 100) throw e;
            }
        }
    }
}
