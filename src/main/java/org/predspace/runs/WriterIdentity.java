package org.predspace.runs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Who is writing a run, as run.json's optional {@code writer} block records it
 * (docs/run-format.md): the host, the process id and when that process started, and a
 * heartbeat the writer renews while the run is "running". A reader uses it to tell a run still
 * being written by a live process from one whose writer died (killed, crashed, its node lost):
 * on the writer's own host by asking the operating system whether that process still exists; on
 * any other host (a cluster's login node looking at its compute nodes' runs) by the heartbeat's
 * age.
 *
 * @param processStarted ISO-8601 instant the writing process started, or null when the OS did not say;
 *                       with the pid it tells the writer from a later process that reuses the pid
 * @param heartbeat      ISO-8601 instant of the last renewal
 * @param heartbeatSeconds how often the writer promises to renew it
 */
public record WriterIdentity(String host, long pid, String processStarted, String heartbeat, int heartbeatSeconds) {
    /** How often the engine's writer renews its heartbeat: rare enough to cost nothing, often enough to notice a lost node in minutes. */
    public static final int HEARTBEAT_SECONDS = 30;
    /**
     * Missed renewals after which a writer on another host counts as gone: a few, so a writer
     * held up by a slow shared file system or a clock a little off is not declared dead.
     */
    static final int MISSED_BEATS = 4;
    /** Two readings of one process's start instant can differ by the OS clock's tick. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    public WriterIdentity {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("a writer needs a host name");
        if (pid < 1) throw new IllegalArgumentException("a writer's pid must be positive, got " + pid);
        if (heartbeatSeconds < 1) throw new IllegalArgumentException("heartbeat_seconds must be at least 1, got " + heartbeatSeconds);
        instant(heartbeat, "heartbeat");
        if (processStarted != null) instant(processStarted, "process_started");
    }

    /** This process, its heartbeat at {@code now}. */
    public static WriterIdentity current(Instant now) {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse(null);
        return new WriterIdentity(ThisHost.NAME, self.pid(), started, now.toString(), HEARTBEAT_SECONDS);
    }

    /** The same writer, heartbeat renewed at {@code now}. */
    public WriterIdentity beat(Instant now) {
        return new WriterIdentity(host, pid, processStarted, now.toString(), heartbeatSeconds);
    }

    public Instant heartbeatInstant() { return Instant.parse(heartbeat); }

    /** Whether this process is the writer (same host, same pid). */
    public boolean isThisProcess() {
        return host.equals(ThisHost.NAME) && pid == ProcessHandle.current().pid();
    }

    /**
     * Whether the writer seems alive at {@code now}, as seen from this process. On the writer's
     * host: its process exists (and, when both are known, started when the writer's did, so a
     * reused pid does not count). Elsewhere: its heartbeat is younger than {@link #MISSED_BEATS}
     * periods; clocks of one cluster agree far better than that.
     */
    public boolean seemsAlive(Instant now) {
        if (host.equals(ThisHost.NAME)) return processAlive();
        Duration age = Duration.between(heartbeatInstant(), now);
        return age.compareTo(Duration.ofSeconds((long) heartbeatSeconds * MISSED_BEATS)) <= 0;
    }

    private boolean processAlive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return false;
        if (processStarted == null) return true;
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty()
                || Duration.between(started.get(), Instant.parse(processStarted)).abs().compareTo(START_TOLERANCE) <= 0;
    }

    /** One line for the user: "process 4242 on node17 (last heartbeat 2026-...)". */
    public String describe() {
        return "process " + pid + " on " + host + " (last heartbeat " + heartbeat + ")";
    }

    private static void instant(String text, String field) {
        try {
            Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("writer." + field + " is " + InputText.quote(text) + ", expected an ISO-8601 instant");
        }
    }

    /** This machine's name, read once: the kernel's own on Linux (no DNS lookup, which can hang on a cluster node), else Java's. */
    static final class ThisHost {
        static final String NAME = read();

        private ThisHost() {}

        private static String read() {
            try {
                String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
                if (!kernel.isEmpty()) return kernel;
            } catch (IOException | RuntimeException ignored) {
                // not Linux: ask Java
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                return "unknown-host";
            }
        }
    }
}
