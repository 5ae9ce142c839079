package org.predspace.runs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of run.json. Maps are deep, unmodifiable copies holding only what JSON can
 * (String, Integer/Long/Double, Boolean, null, List, Map), so the record is immutable.
 *
 * @param created  ISO-8601 instant the writer started, or null (optional in the format)
 * @param finished ISO-8601 instant of {@link RunWriter#finish}, or null
 * @param imprint  the imprinted predictions the folder holds, or null when it has none
 * @param writer   the process that writes (or wrote) the run, or null: optional, runs written
 *                 before it existed and by other tools have none
 */
public record RunManifest(String name, int classes, ProbeInfo probe, Map<String, Object> spec, RunStatus status,
                          Map<String, Object> summary, String created, String finished, ImprintInfo imprint,
                          WriterIdentity writer) {
    public static final String FORMAT = "predspace-run";
    public static final int VERSION = 1;
    /** run.json is small; anything bigger is not one of ours and is not worth parsing. */
    private static final int MAX_BYTES = 16 << 20;
    /** Writes run.json: jackson-core alone, so that a training never loads jackson-databind (see {@link PlainJson}). */
    private static final JsonFactory WRITER = new JsonFactory();

    /** The mapper, made on first use: reading run.json, and values that are not plain JSON (see {@link PlainJson}). */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public RunManifest {
        spec = frozenJson(spec);
        summary = frozenJson(summary);
    }

    static RunManifest start(String name, int classes, ProbeInfo probe, Map<String, ?> spec, Instant created,
                             ImprintInfo imprint, WriterIdentity writer) {
        return new RunManifest(name, classes, probe, jsonCopy(spec, "spec"), RunStatus.RUNNING, Map.of(),
                created.toString(), null, imprint, writer);
    }

    /** The final manifest; the writer block stays (who wrote the run), its heartbeat at the end. */
    RunManifest finish(RunStatus finalStatus, Map<String, ?> finalSummary, Instant at) {
        return new RunManifest(name, classes, probe, spec, finalStatus, jsonCopy(finalSummary, "summary"), created,
                at.toString(), imprint, writer == null ? null : writer.beat(at));
    }

    /** The same manifest with the writer's heartbeat renewed at {@code at}. */
    RunManifest beat(Instant at) {
        return writer == null ? this
                : new RunManifest(name, classes, probe, spec, status, summary, created, finished, imprint, writer.beat(at));
    }

    /** The manifest as run.json: pretty-printed as ObjectMapper's INDENT_OUTPUT prints it, byte for byte. */
    byte[] toJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = WRITER.createGenerator(bytes)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeStringField("name", name);
            g.writeNumberField("classes", classes);
            writeProbe(g, "probe", probe);
            g.writeStringField("status", status.jsonName());
            if (created != null) g.writeStringField("created", created);
            if (finished != null) g.writeStringField("finished", finished);
            g.writeFieldName("spec");
            writeMap(g, spec);
            if (!summary.isEmpty()) {
                g.writeFieldName("summary");
                writeMap(g, summary);
            }
            if (imprint != null) {
                g.writeObjectFieldStart("imprint");
                g.writeNumberField("classes", imprint.classes());
                writeProbe(g, "probe", imprint.probe());
                writeProbe(g, "prototypes", imprint.prototypes());
                g.writeEndObject();
            }
            if (writer != null) {
                g.writeObjectFieldStart("writer");
                g.writeStringField("host", writer.host());
                g.writeNumberField("pid", writer.pid());
                if (writer.processStarted() != null) g.writeStringField("process_started", writer.processStarted());
                g.writeStringField("heartbeat", writer.heartbeat());
                g.writeNumberField("heartbeat_seconds", writer.heartbeatSeconds());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("maps were checked to be JSON when the manifest was made", e);
        }
        return bytes.toByteArray();
    }

    private static void writeProbe(JsonGenerator g, String field, ProbeInfo probe) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("id", probe.id());
        g.writeNumberField("size", probe.size());
        g.writeStringField("split", probe.split());
        g.writeEndObject();
    }

    /** A map read back from a file may hold what PlainJson does not write (a BigInteger): the mapper's tree writes it then. */
    private static void writeMap(JsonGenerator g, Map<String, Object> map) throws IOException {
        if (PlainJson.isPlain(map)) {
            PlainJson.write(g, map);
        } else {
            Mapper.JSON.writeTree(g, Mapper.JSON.valueToTree(map));
        }
    }

    static RunManifest read(Path file) throws RunFormatException {
        JsonNode root;
        try {
            root = Mapper.JSON.readTree(BoundedFiles.readAll(file, MAX_BYTES));
        } catch (NoSuchFileException e) {
            throw new RunFormatException(file + ": missing; a run folder needs run.json", e);
        } catch (JsonProcessingException e) {
            throw new RunFormatException(file + ": malformed JSON (" + InputText.escape(e.getOriginalMessage(), 200) + ")", e);
        } catch (FileSystemException e) {
            throw new RunFormatException(file + ": " + (e.getReason() != null ? e.getReason() : "cannot read (" + e + ")"), e);
        } catch (IOException e) {
            throw new RunFormatException(file + ": cannot read (" + e + ")", e);
        }
        if (root == null || !root.isObject()) throw new RunFormatException(file + ": not a JSON object");
        Fields f = new Fields(file);
        String format = f.text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new RunFormatException(file + ": 'format' is " + InputText.quote(format) + ", expected '" + FORMAT + "'");
        }
        long version = f.integer(root, "version", 0);
        if (version != VERSION) {
            throw new RunFormatException(file + ": unsupported version " + version + " (this PredSpace reads version " + VERSION + ")");
        }
        ProbeInfo probeInfo = f.probe(root, "probe");
        JsonNode imprintNode = f.object(root, "imprint", false);
        ImprintInfo imprint = imprintNode == null ? null : new ImprintInfo((int) f.integer(imprintNode, "classes", 1),
                f.probe(imprintNode, "probe"), f.probe(imprintNode, "prototypes"));
        RunStatus status;
        try {
            status = RunStatus.fromJson(f.text(root, "status"));
        } catch (IllegalArgumentException e) {
            throw new RunFormatException(file + ": " + e.getMessage());
        }
        return new RunManifest(f.text(root, "name"), (int) f.integer(root, "classes", 1), probeInfo,
                f.map(root, "spec"), status, f.map(root, "summary"), f.optionalText(root, "created"),
                f.optionalText(root, "finished"), imprint, f.writer(root));
    }

    /** Field access with messages that name the file and the field. */
    private record Fields(Path file) {
        String text(JsonNode node, String field) throws RunFormatException {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) throw problem(field, v, "a string");
            return v.textValue();
        }

        String optionalText(JsonNode node, String field) throws RunFormatException {
            return node.hasNonNull(field) ? text(node, field) : null;
        }

        long integer(JsonNode node, String field, int min) throws RunFormatException {
            JsonNode v = node.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min) {
                throw problem(field, v, "an integer >= " + min);
            }
            return v.intValue();
        }

        JsonNode object(JsonNode node, String field, boolean required) throws RunFormatException {
            JsonNode v = node.get(field);
            if (v == null && !required) return null;
            if (v == null || !v.isObject()) throw problem(field, v, "an object");
            return v;
        }

        ProbeInfo probe(JsonNode node, String field) throws RunFormatException {
            JsonNode p = object(node, field, true);
            return new ProbeInfo(text(p, "id"), (int) integer(p, "size", 0), text(p, "split"));
        }

        /** The optional writer block; when present every field but process_started is required. */
        WriterIdentity writer(JsonNode root) throws RunFormatException {
            JsonNode w = object(root, "writer", false);
            if (w == null) return null;
            try {
                return new WriterIdentity(text(w, "host"), integer(w, "pid", 1), optionalText(w, "process_started"),
                        text(w, "heartbeat"), (int) integer(w, "heartbeat_seconds", 1));
            } catch (IllegalArgumentException e) {
                throw new RunFormatException(file + ": " + e.getMessage(), e);
            }
        }

        Map<String, Object> map(JsonNode node, String field) throws RunFormatException {
            JsonNode v = object(node, field, false);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = v == null ? Map.of() : Mapper.JSON.convertValue(v, Map.class);
            return m;
        }

        private RunFormatException problem(String field, JsonNode found, String expected) {
            return new RunFormatException(file + ": " + (found == null ? "missing '" + field + "'"
                    : "'" + field + "' is " + InputText.escape(found.toString(), InputText.MAX_QUOTED) + ", expected " + expected));
        }
    }

    /**
     * A JSON-shaped copy of a caller's map; refuses values Jackson cannot write. A plain map (a
     * training's spec and summary) is copied as it is: the mapper's round trip would give the same
     * values (see {@link PlainJson}).
     */
    private static Map<String, Object> jsonCopy(Map<String, ?> map, String what) {
        if (map == null) return Map.of();
        if (PlainJson.isPlain(map)) return PlainJson.copy(map);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = Mapper.JSON.convertValue(Mapper.JSON.valueToTree(map), Map.class);
            return copy;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> frozenJson(Map<String, Object> map) {
        return map == null ? Map.of() : (Map<String, Object>) freeze(map);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object v : l) copy.add(freeze(v));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
