package org.predspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs bench/inpca_reference.py, the independent numpy implementation, and reads its JSON. */
public final class NumpyReference {
    public static final Path SCRIPT = Path.of("bench", "inpca_reference.py");
    private static final String[] PYTHONS = {"python3", "/usr/bin/python3"};

    private NumpyReference() {}

    /** The first python on this machine that can import numpy, if any. */
    public static Optional<String> findPython() {
        for (String python : PYTHONS) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return Optional.of(python);
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Runs the reference on a (m, N, C) .npy with extra arguments; returns its JSON output. */
    public static JsonNode run(String python, Path probs, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString(), probs.toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("inpca-reference", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("numpy reference failed: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new ObjectMapper().readTree(out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }
}
