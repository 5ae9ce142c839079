package org.predspace.ui.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.predspace.runs.BoundedFiles;
import org.predspace.session.CheckpointRef;
import org.predspace.ui.CameraPose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.List;
import java.util.Locale;

/**
 * The fields workspace files and chapter files share (camera, checkpoint, axes, step, enum
 * names), read defensively and written the same way in both. A reader names where it reads
 * (the file, and the chapter when there is one) in every message; {@link #fail} makes the
 * exception of its file type.
 */
public abstract class JsonFields {
    protected static final ObjectMapper JSON = new ObjectMapper();

    /** The exception for {@code what} is wrong, naming the file (and the part of it) being read. */
    protected abstract IOException fail(String what);

    // ---- writing ----------------------------------------------------------------------------

    /** All steps is written as null, not as Long.MAX_VALUE, which other readers may not hold exactly. */
    public static void putStep(ObjectNode o, long step) {
        if (step == Long.MAX_VALUE) o.putNull("shownUpToStep"); else o.put("shownUpToStep", step);
    }

    public static ObjectNode pose(CameraPose p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("pitch", p.pitch());
        o.put("yaw", p.yaw());
        o.put("panX", p.panX());
        o.put("panY", p.panY());
        o.put("distance", p.distance());
        return o;
    }

    public static ObjectNode checkpoint(CheckpointRef c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run", c.run());
        o.put("checkpoint", c.checkpoint());
        o.put("step", c.step());
        return o;
    }

    public static ArrayNode ints(int[] a) {
        ArrayNode n = JSON.createArrayNode();
        for (int v : a) n.add(v);
        return n;
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * The JSON in {@code file}, refused past {@code maxBytes}; {@code error} makes the exception,
     * whose message names the file, for a file too large to be a {@code kind} file or not JSON.
     */
    public static JsonNode readTree(Path file, int maxBytes, String kind, Function<String, ? extends IOException> error)
            throws IOException {
        byte[] bytes;
        try {
            // counted while reading: a link to /dev/zero reports size 0 and never ends
            bytes = BoundedFiles.readAll(file, maxBytes);
        } catch (FileSystemException e) {
            if (!Files.isRegularFile(file)) throw e; // missing, a device, a pipe: the reason says which
            throw error.apply(file + ": more than " + maxBytes + " bytes is not a " + kind + " file");
        }
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw error.apply(file + ": not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    public CameraPose pose(JsonNode o) throws IOException {
        CameraPose d = CameraPose.DEFAULT;
        return new CameraPose(number(o, "pitch", d.pitch(), -90, 90), number(o, "yaw", d.yaw(), -1e6, 1e6),
                number(o, "panX", d.panX(), -1e5, 1e5), number(o, "panY", d.panY(), -1e5, 1e5),
                number(o, "distance", d.distance(), 0, 1e6));
    }

    public CheckpointRef checkpoint(JsonNode o) throws IOException {
        String run = text(o, "run", null, "checkpoint.run");
        if (run == null || !o.path("checkpoint").canConvertToInt() || o.path("checkpoint").asInt() < 0
                || !o.path("step").canConvertToLong() || o.path("step").asLong() < 0) {
            throw fail("a checkpoint needs \"run\" (text), \"checkpoint\" and \"step\" (whole numbers >= 0), got " + o);
        }
        return new CheckpointRef(run, o.get("checkpoint").asInt(), o.get("step").asLong());
    }

    public int[] axes(JsonNode o) throws IOException {
        if (!o.has("axes")) return new int[] {0, 1, 2};
        JsonNode a = o.get("axes");
        if (!a.isArray() || a.size() != 3) throw fail("\"axes\" must list 3 axis indices, got " + a);
        int[] axes = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!a.get(i).canConvertToInt() || !a.get(i).isIntegralNumber() || a.get(i).asInt() < 0 || a.get(i).asInt() > 99) {
                throw fail("\"axes\" must hold whole numbers from 0, got " + a);
            }
            axes[i] = a.get(i).asInt();
        }
        return axes;
    }

    public long step(JsonNode o) throws IOException {
        JsonNode s = o.get("shownUpToStep");
        if (s == null || s.isNull()) return Long.MAX_VALUE;
        if (!s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 0) {
            throw fail("\"shownUpToStep\" must be a whole number >= 0 or null, got " + s);
        }
        return s.asLong();
    }

    public <E extends Enum<E>> E constant(JsonNode o, String field, Class<E> type, E fallback) throws IOException {
        String v = text(o, field, null, field);
        if (v == null) return fallback;
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail("\"" + field + "\" is \"" + v + "\"; one of " + Arrays.toString(type.getEnumConstants()) + " expected");
        }
    }

    public double number(JsonNode o, String field, double fallback, double min, double max) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < min || n.asDouble() > max) {
            throw fail("\"" + field + "\" must be a number in [" + min + ", " + max + "], got " + n);
        }
        return n.asDouble();
    }

    public boolean bool(JsonNode o, String field, boolean fallback) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isBoolean()) throw fail("\"" + field + "\" must be true or false, got " + n);
        return n.asBoolean();
    }

    public String text(JsonNode o, String field, String fallback, String where) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isTextual()) throw fail("\"" + where + "\" must be text, got " + n);
        return n.asText();
    }

    public JsonNode object(JsonNode o, String field) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return JSON.createObjectNode();
        if (!n.isObject()) throw fail("\"" + field + "\" must be an object, got " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        return n;
    }

    public Iterable<JsonNode> array(JsonNode o, String field) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw fail("\"" + field + "\" must be a list, got " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        return n;
    }
}
