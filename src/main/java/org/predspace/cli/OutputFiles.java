package org.predspace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.predspace.export.CsvTable;
import org.predspace.runs.AtomicFiles;
import org.predspace.runs.FailureText;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files commands write (--out, --stats, --geodesic, render's PNG): checked before any work,
 * then written whole or not at all.
 *
 * <p>Checked: an output may not lie inside a run folder, neither one the command reads nor any
 * other folder holding a run.json, since writing there could replace the run's own files (a
 * {@code compare A B --out B/run.json} destroyed run B). Paths are compared after resolving
 * links and {@code ..}, so neither slips past. An output may not be a folder, and two outputs
 * of one command may not be the same file.
 *
 * <p>Written: into a temp file in the same folder, then renamed over the target
 * ({@link AtomicFiles}), so a failed write leaves an older file of that name as it was.
 * Parent folders are created on demand; JSON is indented for people.
 */
public final class OutputFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String RUN_JSON = "run.json";

    private OutputFiles() {}

    /**
     * Refuses, as a usage error (exit 2, one line), outputs that would overwrite a run or a
     * folder, or each other.
     *
     * @param inputRuns the run folders the command reads
     * @param outputs   option name to path, in the order the options are listed; null paths are not given
     */
    public static void check(CommandSpec spec, Collection<Path> inputRuns, Map<String, Path> outputs) {
        List<Path> runs = new ArrayList<>();
        for (Path r : inputRuns) {
            Path real = resolved(spec, "run folder", r);
            if (Files.exists(real)) runs.add(real);   // one that does not exist is reported when it is read
        }
        Map<Path, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Path> o : outputs.entrySet()) {
            if (o.getValue() == null) continue;
            String option = o.getKey() + " " + o.getValue();
            Path target = resolved(spec, o.getKey(), o.getValue());
            if (Files.isDirectory(target)) throw usage(spec, option + " is a folder; name a file");
            for (Path run : runs) {
                if (target.startsWith(run)) {
                    throw usage(spec, option + " lies inside the run folder " + run + " the command reads; write it elsewhere");
                }
            }
            for (Path folder = target.getParent(); folder != null; folder = folder.getParent()) {
                if (Files.isRegularFile(folder.resolve(RUN_JSON))) {
                    throw usage(spec, option + " lies inside the run folder " + folder + "; write it elsewhere");
                }
            }
            String other = seen.putIfAbsent(target, o.getKey());
            if (other != null) throw usage(spec, other + " and " + o.getKey() + " name the same file " + o.getValue());
        }
    }

    /** The outputs as {@link #check} takes them: option name, path, option name, path... */
    public static Map<String, Path> named(Object... optionAndPath) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (int i = 0; i < optionAndPath.length; i += 2) out.put((String) optionAndPath[i], (Path) optionAndPath[i + 1]);
        return out;
    }

    /**
     * {@code p} absolute with every link and {@code ..} resolved: the longest part that exists
     * by the file system, the rest (folders still to be created, which cannot be links) by name.
     */
    static Path resolved(CommandSpec spec, String what, Path p) {
        try {
            Path absolute = p.toAbsolutePath();
            Path root = absolute.getRoot();
            int n = absolute.getNameCount();
            for (int i = n; i > 0; i--) {
                Path existing = root.resolve(absolute.subpath(0, i));
                if (!Files.exists(existing)) continue;
                Path real = existing.toRealPath();
                return i == n ? real : real.resolve(absolute.subpath(i, n)).normalize();
            }
            return absolute.normalize();
        } catch (IOException | InvalidPathException | SecurityException e) {
            throw usage(spec, "cannot resolve " + what + " " + p + ": " + FailureText.describe(e));
        }
    }

    /** Writes {@code text} (UTF-8) to {@code file}, whole or not at all. */
    public static void text(Path file, String text) throws IOException {
        bytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code table} as CSV (numbers as {@link CsvTable#number} spells them), whole or not at all. */
    public static void csv(Path file, CsvTable table) throws IOException {
        text(file, table.text());
    }

    public static void bytes(Path file, byte[] content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        AtomicFiles.write(absolute, content);
    }

    static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    static void json(Path file, Object value) throws IOException {
        text(file, json(value) + "\n");
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
