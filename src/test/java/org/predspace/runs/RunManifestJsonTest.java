package org.predspace.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * run.json is written with jackson-core's generator alone (PlainJson) so that a training does not
 * load jackson-databind; the bytes must stay what ObjectMapper's tree with INDENT_OUTPUT wrote,
 * and the manifest's copies of the caller's maps what its round trip gave. The reference below
 * is that earlier ObjectMapper code.
 */
class RunManifestJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Instant AT = Instant.parse("2026-12-07T17:15:30.409701924Z");

    @Test
    void aTrainingsManifestIsWrittenByteForByteAsObjectMapperWroteIt() throws Exception {
        RunManifest m = RunManifest.start("mnist-lenet \"quoted\" é", 10, new ProbeInfo("mnist/train/s0/1000", 1000, "train"),
                richMap(), AT, new ImprintInfo(10, new ProbeInfo("p", 1000, "train"), new ProbeInfo("q", 1000, null)),
                new WriterIdentity("host-1", 123456789012L, "2026-12-07T17:15:26.650Z", AT.toString(), 30));
        assertSame(reference(m), m.toJson());
        RunManifest done = m.finish(RunStatus.FINISHED, richMap(), AT.plusSeconds(12));
        assertSame(reference(done), done.toJson());
        RunManifest bare = new RunManifest("n", 2, new ProbeInfo("a", 0, "test"), Map.of(), RunStatus.RUNNING, Map.of(),
                null, null, null, null);
        assertSame(reference(bare), bare.toJson());
    }

    @Test
    void theManifestKeepsWhatObjectMappersRoundTripGave() {
        Map<String, Object> spec = richMap();
        RunManifest m = RunManifest.start("n", 3, new ProbeInfo("a", 5, "train"), spec, AT, null, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> roundTrip = JSON.convertValue(JSON.valueToTree(spec), Map.class);
        assertEquals(roundTrip, m.spec());
        assertEquals(typesOf(roundTrip), typesOf(m.spec()));
    }

    @Test
    void valuesThatAreNotPlainJsonStillGoThroughTheMapper() throws Exception {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("float", 0.1f);
        spec.put("big", new BigInteger("123456789012345678901234567890"));
        spec.put("kind", RunStatus.DIVERGED);
        spec.put("short", (short) 7);
        RunManifest m = RunManifest.start("n", 3, new ProbeInfo("a", 5, "train"), spec, AT, null, null);
        assertSame(reference(m), m.toJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> roundTrip = JSON.convertValue(JSON.valueToTree(spec), Map.class);
        assertEquals(roundTrip, m.spec());
        // a map read back from a file may hold a BigInteger: written as the mapper's tree writes it
        RunManifest read = new RunManifest("n", 3, new ProbeInfo("a", 5, "train"), Map.of("big", BigInteger.TEN.pow(30)),
                RunStatus.RUNNING, Map.of(), null, null, null, null);
        assertSame(reference(read), read.toJson());
        Map<String, Object> unwritable = Map.of("thread", new Object());
        assertThrows(IllegalArgumentException.class,
                () -> RunManifest.start("n", 3, new ProbeInfo("a", 5, "train"), unwritable, AT, null, null));
    }

    /** Every plain JSON type, nested, and the doubles and strings whose writing differs most easily. */
    private static Map<String, Object> richMap() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("implementation", "nd4j-conv");
        inner.put("steps_per_epoch", 156L);
        inner.put("empty_map", Map.of());
        inner.put("empty_list", List.of());
        inner.put("nothing", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tab\there, newline\nthere, bell\u0007, slash / backslash \\ and \"quotes\", ünïcödé 𝜆");
        m.put("epochs", 2);
        m.put("negative", -17);
        m.put("int_min", Integer.MIN_VALUE);
        m.put("long", Long.MAX_VALUE);
        m.put("small_long", 3L);
        m.put("lr", 0.001);
        m.put("third", 1.0 / 3);
        m.put("tiny", 4.9e-324);
        m.put("huge", 1.7976931348623157e308);
        m.put("minus_zero", -0.0);
        m.put("whole", 2.0);
        m.put("nan", Double.NaN);
        m.put("infinity", Double.NEGATIVE_INFINITY);
        m.put("flag", true);
        m.put("off", false);
        m.put("null", null);
        m.put("list", new ArrayList<>(Arrays.asList(1, 2.5, "a", null, List.of(true, 4L), Map.of("k", "v"))));
        m.put("engine", inner);
        return m;
    }

    /** What the manifest's toJson wrote before PlainJson: ObjectMapper's tree with INDENT_OUTPUT. */
    private static byte[] reference(RunManifest m) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", RunManifest.FORMAT);
        root.put("version", RunManifest.VERSION);
        root.put("name", m.name());
        root.put("classes", m.classes());
        probe(root.putObject("probe"), m.probe());
        root.put("status", m.status().jsonName());
        if (m.created() != null) root.put("created", m.created());
        if (m.finished() != null) root.put("finished", m.finished());
        root.set("spec", JSON.valueToTree(m.spec()));
        if (!m.summary().isEmpty()) root.set("summary", JSON.valueToTree(m.summary()));
        if (m.imprint() != null) {
            ObjectNode i = root.putObject("imprint");
            i.put("classes", m.imprint().classes());
            probe(i.putObject("probe"), m.imprint().probe());
            probe(i.putObject("prototypes"), m.imprint().prototypes());
        }
        if (m.writer() != null) {
            ObjectNode w = root.putObject("writer");
            w.put("host", m.writer().host());
            w.put("pid", m.writer().pid());
            if (m.writer().processStarted() != null) w.put("process_started", m.writer().processStarted());
            w.put("heartbeat", m.writer().heartbeat());
            w.put("heartbeat_seconds", m.writer().heartbeatSeconds());
        }
        return JSON.writeValueAsBytes(root);
    }

    private static void probe(ObjectNode node, ProbeInfo probe) {
        node.put("id", probe.id());
        node.put("size", probe.size());
        node.put("split", probe.split());
    }

    private static void assertSame(byte[] expected, byte[] actual) {
        assertEquals(new String(expected, java.nio.charset.StandardCharsets.UTF_8), new String(actual, java.nio.charset.StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
    }

    /** The Java classes of every value, nested, so that an Integer read as a Long (or the reverse) is caught. */
    private static Object typesOf(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, typesOf(v)));
            return out;
        }
        if (value instanceof List<?> l) return l.stream().map(RunManifestJsonTest::typesOf).toList();
        return value == null ? "null" : value.getClass().getName();
    }
}
