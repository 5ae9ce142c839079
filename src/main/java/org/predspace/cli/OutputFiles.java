package org.predspace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the commands write: parent folders created on demand, JSON indented for people. */
final class OutputFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutputFiles() {}

    static BufferedWriter text(Path file) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        return Files.newBufferedWriter(file);
    }

    static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    static void json(Path file, Object value) throws IOException {
        try (BufferedWriter w = text(file)) {
            w.write(json(value));
            w.write('\n');
        }
    }
}
