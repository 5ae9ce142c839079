package org.predspace.runs;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-shaped values (String, Integer, Long, Double, Boolean, null, List, Map with String keys)
 * copied and written with jackson-core's streaming generator alone. Why: run.json was written
 * through jackson-databind's ObjectMapper, whose first use loads about 500 classes and took
 * 0.5-0.6 s of CPU in every training process, a twentieth of a whole LeNet run
 * (bench/README.md, convolutional networks). For these types the tree ObjectMapper built
 * holds the same values and its serialisation makes the same generator calls (IntNode writes
 * an int, DoubleNode a double, ...), so with the same pretty printer the bytes are the same;
 * any other value is not plain and the caller falls back to the mapper.
 */
final class PlainJson {
    private PlainJson() {}

    /** Whether {@code value} is made of the plain JSON types alone. */
    static boolean isPlain(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean) {
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue())) return false;
            }
            return true;
        }
        if (value instanceof List<?> l) {
            for (Object v : l) if (!isPlain(v)) return false;
            return true;
        }
        return false;
    }

    /** A mutable copy of a plain map (see {@link #isPlain}), in its order. */
    static Map<String, Object> copy(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> m) return copy((Map<String, ?>) m);
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object v : l) out.add(copyValue(v));
            return out;
        }
        return value;
    }

    /** Writes a plain value (see {@link #isPlain}) as ObjectMapper would write its tree. */
    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> l) {
            g.writeStartArray();
            for (Object v : l) write(g, v);
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
        }
    }
}
