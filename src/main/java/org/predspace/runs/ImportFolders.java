package org.predspace.runs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary folders an import writes into before its run appears at the target: a hidden
 * sibling {@code .<target>.import-<pid>-<n>}, renamed onto the target in one step when done.
 */
final class ImportFolders {
    private static final String MARK = ".import-";
    private static final Pattern PID = Pattern.compile("\\.import-(\\d{1,18})-\\d+$");
    private static int counter;

    private ImportFolders() {}

    /** A fresh temporary folder name beside {@code target} (not created). */
    static synchronized Path temp(Path target) {
        String prefix = "." + target.getFileName() + MARK + ProcessHandle.current().pid() + "-";
        Path p;
        do {
            p = target.resolveSibling(prefix + counter++);
        } while (Files.exists(p));
        return p;
    }

    /** Whether {@code dir} is a temporary import folder (of any process). */
    static boolean isTemp(Path dir) {
        String name = String.valueOf(dir.getFileName());
        return name.startsWith(".") && PID.matcher(name).find();
    }

    /**
     * Renames the finished {@code temp} onto {@code target}, which must not exist or be an empty
     * folder; anything else at {@code target} is left untouched and the move fails.
     */
    static void moveInPlace(Path temp, Path target) throws IOException {
        try {
            // rename(2) replaces an empty folder atomically and refuses a non-empty one
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "was filled by something else during the"
                        + " import; import never overwrites (the import was not kept)");
            }
            if (!Files.isDirectory(target)) throw e;
            // a system whose rename does not replace a folder (or cannot move atomically): the empty one goes first
            Files.delete(target);
            Files.move(temp, target);
        }
        AtomicFiles.forceDirectory(target.getParent());
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return false;
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** Removes temporary folders for {@code target} left by imports whose process is gone (killed). */
    static void removeLeftovers(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) return;
        String prefix = "." + target.getFileName() + MARK;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : siblings) {
                Matcher m = PID.matcher(p.getFileName().toString());
                if (!m.find() || !Files.isDirectory(p)) continue;
                long pid = Long.parseLong(m.group(1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue; // an import in progress
                deleteTree(p);
            }
        }
    }

    /** Deletes {@code dir} and everything in it, adding a failure to {@code cause} instead of throwing. */
    static void deleteQuietly(Path dir, Exception cause) {
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
