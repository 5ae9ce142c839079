package org.predspace.runs;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each way a run folder can be broken gives a RunFormatException naming the file and the
 * problem. The folder is built by hand (not by RunWriter) so each case changes exactly one thing.
 */
class RunFormatErrorsTest {
    static final int N = 4, C = 3;
    @TempDir Path dir;

    static final String MANIFEST = """
            {"format": "predspace-run", "version": 1, "name": "hand made", "classes": 3,
             "probe": {"id": "p4", "size": 4, "split": "train"}, "spec": {}, "status": "finished"}""";

    /** Two checkpoints at steps 5 and 9 of uniform-ish rows, labels 0 1 2 0. */
    @BeforeEach
    void writeValidRun() throws Exception {
        Files.writeString(dir.resolve("run.json"), MANIFEST);
        Files.write(dir.resolve("labels.npy"), Npy.encode(new int[]{0, 1, 2, 0}));
        Files.write(dir.resolve("steps.npy"), Npy.encode(new long[]{5, 9}));
        writePredictions("predictions.npy", rows(2, N), 2, N, C);
    }

    static float[] rows(int checkpoints, int n) {
        float[] p = new float[checkpoints * n * C];
        for (int r = 0; r < checkpoints * n; r++) {
            p[r * C] = 0.5f;
            p[r * C + 1] = 0.25f;
            p[r * C + 2] = 0.25f;
        }
        return p;
    }

    private void writePredictions(String name, float[] data, long... shape) throws Exception {
        byte[] header = Npy.header(Npy.DType.FLOAT32, shape, 128);
        ByteBuffer b = ByteBuffer.allocate(header.length + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header).asFloatBuffer().put(data);
        Files.write(dir.resolve(name), b.array());
    }

    private void manifest(String from, String to) throws Exception {
        assertTrue(MANIFEST.contains(from), from);
        Files.writeString(dir.resolve("run.json"), MANIFEST.replace(from, to));
    }

    private void assertRefused(String file, String... fragments) {
        RunFormatException e = assertThrows(RunFormatException.class, () -> Run.open(dir));
        assertTrue(e.getMessage().contains(file), "'" + file + "' not named in: " + e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }

    private void badProbability(int row, int cls, float value) throws Exception {
        float[] p = rows(2, N);
        p[(N + row) * C + cls] = value; // checkpoint 1
        writePredictions("predictions.npy", p, 2, N, C);
    }

    @Test
    void theHandMadeRunIsValid() throws Exception {
        Run run = Run.open(dir);
        assertEquals(2, run.checkpointCount());
        assertEquals(0.25f, run.predictions(1)[2]);
        assertTrue(run.metrics().isEmpty());
        assertEquals(0, run.parameterSteps().length);
    }

    @Test
    void missingFiles() throws Exception {
        for (String f : new String[]{"labels.npy", "predictions.npy", "steps.npy", "run.json"}) {
            Path p = dir.resolve(f);
            byte[] content = Files.readAllBytes(p);
            Files.delete(p);
            assertRefused(f, "missing");
            Files.write(p, content);
        }
        assertThrows(RunFormatException.class, () -> Run.open(dir.resolve("nowhere")));
    }

    @Test
    void manifestProblems() throws Exception {
        manifest("\"predspace-run\"", "\"other-format\"");
        assertRefused("run.json", "'format' is 'other-format', expected 'predspace-run'");
        manifest("\"version\": 1", "\"version\": 2");
        assertRefused("run.json", "unsupported version 2");
        manifest("\"status\": \"finished\"}", "\"status\": \"finished\"");
        assertRefused("run.json", "malformed JSON");
        manifest("\"classes\": 3,", "");
        assertRefused("run.json", "missing 'classes'");
        manifest("\"classes\": 3", "\"classes\": \"three\"");
        assertRefused("run.json", "'classes' is \"three\", expected an integer");
        manifest("\"finished\"", "\"paused\"");
        assertRefused("run.json", "unknown run status 'paused'");
        manifest("\"size\": 4", "\"size\": 5");
        assertRefused("labels.npy", "has 4 labels but run.json says probe.size is 5");
        Files.writeString(dir.resolve("run.json"), "[1, 2]");
        assertRefused("run.json", "not a JSON object");
    }

    @Test
    void wrongDtypes() throws Exception {
        Files.copy(Fixtures.path("npy/int_predictions.npy"), dir.resolve("predictions.npy"),
                StandardCopyOption.REPLACE_EXISTING);
        assertRefused("predictions.npy", "'<i4' (int32) is not float32 or float64");
        Files.copy(Fixtures.path("npy/object.npy"), dir.resolve("predictions.npy"),
                StandardCopyOption.REPLACE_EXISTING);
        assertRefused("predictions.npy", "pickle");
        writeValidRun();
        Files.write(dir.resolve("labels.npy"), Npy.encode(new float[]{0, 1, 2, 0}));
        assertRefused("labels.npy", "not an integer type");
    }

    @Test
    void shapeMismatchesBetweenFiles() throws Exception {
        writePredictions("predictions.npy", rows(2, 5), 2, 5, C);
        assertRefused("predictions.npy", "5 rows per checkpoint but labels.npy has 4 labels");
        writePredictions("predictions.npy", new float[2 * N * 2], 2, N, 2);
        assertRefused("predictions.npy", "2 classes but run.json says 3");
        writePredictions("predictions.npy", rows(1, N), 1, N, C);
        assertRefused("predictions.npy", "holds 1 checkpoints but steps.npy commits 2");
        writePredictions("predictions.npy", rows(2, N), 2, N * C);
        assertRefused("predictions.npy", "expected shape (checkpoints, rows, classes)");
        writeValidRun();
        Files.write(dir.resolve("labels.npy"), Npy.encode(new int[0]));
        assertRefused("labels.npy", "has 0 labels");
    }

    @Test
    void stepsMustIncreaseStrictly() throws Exception {
        Files.write(dir.resolve("steps.npy"), Npy.encode(new long[]{9, 9}));
        assertRefused("steps.npy", "increase strictly", "step 9 at index 1 follows 9");
    }

    @Test
    void labelsMustBeClasses() throws Exception {
        Files.write(dir.resolve("labels.npy"), Npy.encode(new int[]{0, 1, 3, 0}));
        assertRefused("labels.npy", "label 3 at index 2 is outside [0, 3)");
        Files.write(dir.resolve("labels.npy"), Npy.encode(new int[]{0, -1, 2, 0}));
        assertRefused("labels.npy", "label -1 at index 1");
    }

    @Test
    void predictionsMustBeDistributions() throws Exception {
        badProbability(2, 0, Float.NaN);
        assertRefused("predictions.npy", "checkpoint 1, probe row 2, class 0 is NaN");
        badProbability(1, 2, Float.POSITIVE_INFINITY);
        assertRefused("predictions.npy", "checkpoint 1, probe row 1, class 2 is Infinity");
        badProbability(3, 1, -0.25f);
        assertRefused("predictions.npy", "row 3, class 1 is negative");
        float[] p = rows(2, N);
        p[(N + 2) * C] = 0.4f; // rows 2 and 3 of checkpoint 1 are off: the first is reported
        p[(N + 3) * C] = 0.4f;
        writePredictions("predictions.npy", p, 2, N, C);
        assertRefused("predictions.npy", "checkpoint 1, probe row 2 sums to 0.9", "not 1");
        p[(N + 2) * C] = 0.5005f; // within the tolerance
        p[(N + 3) * C] = 0.4995f;
        writePredictions("predictions.npy", p, 2, N, C);
        assertEquals(2, Run.open(dir).checkpointCount());
    }

    @Test
    void headersThatClaimMoreThanTheFileHolds() throws Exception {
        writePredictions("predictions.npy", new float[4], 1_000_000, 1_000_000, C);
        RunFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(RunFormatException.class, () -> Run.open(dir)));
        assertTrue(e.getMessage().contains("predictions.npy") && e.getMessage().contains("(1000000, 1000000, 3)")
                && e.getMessage().contains("holds only 16 bytes"), e.getMessage());

        writeValidRun();
        byte[] steps = Files.readAllBytes(dir.resolve("steps.npy"));
        Files.write(dir.resolve("steps.npy"), Arrays.copyOf(steps, steps.length - 3));
        assertRefused("steps.npy", "16 bytes of data", "holds only 13 bytes");
    }

    @Test
    void testFilesComeInPairs() throws Exception {
        Files.write(dir.resolve("test_labels.npy"), Npy.encode(new int[]{1, 2}));
        assertRefused("test_predictions.npy", "missing");
        writePredictions("test_predictions.npy", rows(2, 3), 2, 3, C);
        assertRefused("test_predictions.npy", "3 rows per checkpoint but test_labels.npy has 2 labels");
        writePredictions("test_predictions.npy", rows(2, 2), 2, 2, C);
        assertTrue(Run.open(dir).hasTestSet());
    }

    @Test
    void committedMetricsLinesMustParse() throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), "step,epoch,train_loss\n5,0,0.9\n9,zero,0.8\n");
        assertRefused("metrics.csv", "line 3: 'zero' is not a number");
        Files.writeString(dir.resolve("metrics.csv"), "step,epoch,train_loss\n5,0,0.9\n7,0,0.8\n");
        assertRefused("metrics.csv", "line 3: step 7 is not a committed checkpoint step");
        Files.writeString(dir.resolve("metrics.csv"), "epoch,train_loss\n0,0.9\n");
        assertRefused("metrics.csv", "no 'step' column");
        Files.writeString(dir.resolve("metrics.csv"), "step,epoch,train_loss\r\n5,0,0.9\r\n9,1,0.8\r\n12,x");
        assertEquals(2, Run.open(dir).metrics().size(), "CRLF lines and an uncommitted tail are fine");
    }

    @Test
    void brokenParameterSnapshotIsReportedWhenRead() throws Exception {
        Files.createDirectories(dir.resolve("params"));
        Files.write(dir.resolve("params/step_9.npy"), Npy.encode(new int[]{1, 2}));
        Files.write(dir.resolve("params/step_4.npy"), Npy.encode(new float[]{1})); // not a committed step
        Run run = Run.open(dir);
        assertArrayEquals(new long[]{9}, run.parameterSteps());
        RunFormatException e = assertThrows(RunFormatException.class, () -> run.parameters(9));
        assertTrue(e.getMessage().contains("step_9.npy") && e.getMessage().contains("not float32 or float64"), e.getMessage());
    }

    @Test
    void aSnapshotWithNaNIsRefusedWhenReadNamingTheFile() throws Exception {
        Files.createDirectories(dir.resolve("params"));
        Files.write(dir.resolve("params/step_9.npy"), Npy.encode(new float[]{0.5f, Float.NaN, 1}));
        Files.write(dir.resolve("params/step_5.npy"), Npy.encode(new float[]{0.5f, 2, Float.NEGATIVE_INFINITY}));
        Run run = Run.open(dir);
        RunFormatException nan = assertThrows(RunFormatException.class, () -> run.parameters(9));
        assertEquals(1, nan.getMessage().lines().count());
        assertTrue(nan.getMessage().contains("step_9.npy: parameter 1 of 3 is NaN"), nan.getMessage());
        RunFormatException inf = assertThrows(RunFormatException.class, () -> run.parameters(5));
        assertTrue(inf.getMessage().contains("step_5.npy: parameter 2 of 3 is -Infinity"), inf.getMessage());
    }

    /** The one metrics rule (CheckpointMetrics.problem) holds for a run read back, as for an import. */
    @Test
    void metricsOutsideTheirRangeAreRefusedAsImportRefusesThem() throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), "step,epoch,train_loss\n5,0,0.9\n9,1,inf\n");
        assertRefused("metrics.csv", "line 3: train_loss is Infinity");
        Files.writeString(dir.resolve("metrics.csv"), "step,train_accuracy\n5,0.5\n9,2.0\n");
        assertRefused("metrics.csv", "line 3: train_accuracy is 2.0; an accuracy is a fraction in [0, 1]");
        Files.writeString(dir.resolve("metrics.csv"), "step,test_loss\n5,-0.1\n");
        assertRefused("metrics.csv", "line 2: test_loss is -0.1");
        Files.writeString(dir.resolve("metrics.csv"), "step,epoch,train_loss,train_accuracy\n5,0,0.9,\n9,nan,0,1\n");
        assertEquals(2, Run.open(dir).metrics().size(), "empty and NaN mean not measured; 0 and 1 are in range");
    }

    /** A file's size is not trusted: a link to /dev/zero says 0 bytes and never ends. */
    @Test
    void filesThatAreDevicesAreRefusedWithoutReadingThem() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        for (String name : new String[]{"run.json", "metrics.csv", "labels.npy", "predictions.npy"}) {
            writeValidRun();
            Files.deleteIfExists(dir.resolve(name));
            Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/zero"));
            RunFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(RunFormatException.class, () -> Run.open(dir)), name);
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("not a regular file"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            Files.delete(dir.resolve(name));
        }
    }

    @Test
    void aFileGivenAsTheRunFolderIsCalledAFile() throws Exception {
        RunFormatException e = assertThrows(RunFormatException.class, () -> Run.open(dir.resolve("run.json")));
        assertTrue(e.getMessage().endsWith("run.json: is a file, not a run folder"), e.getMessage());
        e = assertThrows(RunFormatException.class, () -> Run.open(dir.resolve("nowhere")));
        assertTrue(e.getMessage().endsWith("nowhere: no such run folder"), e.getMessage());
    }

    /** Values quoted from files are escaped and cut; the parser's own types never show. */
    @Test
    void messagesQuoteFileContentSafely() throws Exception {
        manifest("\"format\": \"predspace-run\"", "\"format\": \"\\u0000\\u001b[2J" + "x".repeat(5000) + "\"");
        RunFormatException format = assertThrows(RunFormatException.class, () -> Run.open(dir));
        assertSafe(format.getMessage());
        assertTrue(format.getMessage().contains("'format' is '\\u0000\\u001b[2Jxxx"), format.getMessage());
        assertTrue(format.getMessage().length() < 400, format.getMessage());

        writeValidRun();
        byte[] header = "{'descr': '<i8', 'fortran_order': False, 'shape': (-5, 2), }".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) (header.length + 1)).put(header).put((byte) '\n');
        Files.write(dir.resolve("steps.npy"), b.array());
        RunFormatException shape = assertThrows(RunFormatException.class, () -> Run.open(dir));
        assertTrue(shape.getMessage().contains("'shape' (-5, 2) has a dimension that is not a non-negative integer"),
                shape.getMessage());
        assertFalse(shape.getMessage().contains("Int["), shape.getMessage());

        writeValidRun();
        Files.writeString(dir.resolve("metrics.csv"), "\u001b]0;owned\u0007" + "a,".repeat(1000) + "b\n5,1\n");
        RunFormatException metrics = assertThrows(RunFormatException.class, () -> Run.open(dir));
        assertSafe(metrics.getMessage());
        assertTrue(metrics.getMessage().contains("header '\\u001b]0;owned\\u0007a,a,"), metrics.getMessage());
    }

    private static void assertSafe(String message) {
        assertFalse(InputText.hasControl(message), "control characters in: " + InputText.escape(message));
        assertTrue(message.length() < 1000, "a cut value: " + message.length() + " characters");
    }
}
