package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class NpyTest {
    @TempDir Path tmp;

    /** One of the reads under test. */
    interface FileRead {
        Object read(Path file) throws RunFormatException;
    }

    private static Path npy(String name) { return Fixtures.path("npy/" + name); }

    private static void assertRefused(Path file, FileRead reader, String... fragments) {
        RunFormatException e = assertThrows(RunFormatException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }

    /** A file with an arbitrary header dict and data, for cases numpy would never write. */
    private Path raw(String dict, int dataBytes) throws Exception {
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + d.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) d.length).put(d);
        Path file = tmp.resolve("raw.npy");
        Files.write(file, b.array());
        return file;
    }

    @Test
    void readsTheIntegerWidthsAndByteOrdersNumpyWrites() throws Exception {
        assertArrayEquals(new int[]{-128, -1, 0, 127}, Npy.readInts(npy("i1.npy"), 100));
        assertArrayEquals(new int[]{0, 200, 255}, Npy.readInts(npy("u1.npy"), 100));
        assertArrayEquals(new int[]{-300, 0, 300}, Npy.readInts(npy("be_i2.npy"), 100));
        assertArrayEquals(new long[]{1, 1L << 40, -5}, Npy.readLongs(npy("be_i8.npy"), 100));
        assertRefused(npy("be_i8.npy"), f -> Npy.readInts(f, 100), "1099511627776", "does not fit in int32");
        assertArrayEquals(new float[]{0.5f, -2.25f, 1e-3f}, Npy.readFloats(npy("be_f4.npy"), 100));
        assertArrayEquals(new int[]{1, 2, 3}, Npy.readInts(npy("v2.npy"), 100), "format version 2.0");
        assertArrayEquals(new int[]{1, 2, 3}, Npy.readInts(npy("v3.npy"), 100), "format version 3.0");
    }

    @Test
    void readsBigEndianFloat64Predictions() throws Exception {
        PredictionArray a = PredictionArray.open(npy("be_f8_predictions.npy"), 2, 2, 3, "labels");
        float[] p = a.read(1);
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) assertEquals(Fixtures.prediction(1, i, c), p[i * 3 + c], 1e-6);
        }
    }

    @Test
    void refusesWhatItCannotReadSafely() {
        assertRefused(npy("object.npy"), f -> Npy.readLongs(f, 100), "object array", "pickle");
        assertRefused(npy("structured.npy"), f -> Npy.readLongs(f, 100), "structured dtype");
        assertRefused(npy("fortran_3d.npy"), Npy::readHeader, "Fortran-order", "ascontiguousarray");
        assertRefused(npy("int_predictions.npy"), f -> PredictionArray.open(f, 1, 12, 3, "labels"), "'<i4'", "not float32 or float64");
        assertRefused(npy("be_f4.npy"), f -> Npy.readLongs(f, 100), "not an integer type");
        assertRefused(npy("i1.npy"), f -> Npy.readLongs(f, 3), "4 elements exceed the limit of 3");
        assertRefused(npy("be_f8_predictions.npy"), f -> Npy.readFloats(f, 100), "expected a 1-D array", "(2, 2, 3)");
    }

    @Test
    void aHeaderClaimingATrillionElementsFailsFastWithoutAllocating() throws Exception {
        Path file = raw("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }\n", 16);
        RunFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(RunFormatException.class, () -> Npy.readHeader(file)));
        assertTrue(e.getMessage().contains("(1000000, 1000000)") && e.getMessage().contains("holds only 16 bytes"), e.getMessage());
        Path vector = raw("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }\n", 32);
        assertRefused(vector, f -> Npy.readLongs(f, 100), "40 bytes of data", "holds only 32 bytes");
    }

    @Test
    void refusesMalformedHeaders() throws Exception {
        assertRefused(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", 0),
                Npy::readHeader, "too large to be real");
        assertRefused(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", 0),
                Npy::readHeader, "too large to be real");
        assertRefused(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", 0), Npy::readHeader, "non-negative");
        assertRefused(raw("{'descr': '<f4', 'shape': (1,), }", 4), Npy::readHeader, "lacks");
        assertRefused(raw("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", 2), Npy::readHeader, "unsupported dtype '<f2'");
        assertRefused(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (1,) ", 4), Npy::readHeader, "malformed .npy header");
        assertRefused(raw("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", 4), Npy::readHeader, "fortran_order");

        Path notNpy = tmp.resolve("text.npy");
        Files.writeString(notNpy, "hello, this is not numpy");
        assertRefused(notNpy, Npy::readHeader, "not an .npy file");
        Files.write(notNpy, new byte[]{(byte) 0x93, 'N', 'U', 'M'});
        assertRefused(notNpy, Npy::readHeader, "not an .npy file");
        Files.write(notNpy, new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 4, 0, 0, 0, 0, 0});
        assertRefused(notNpy, Npy::readHeader, "unsupported .npy format version 4.0");
        Files.write(notNpy, new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, 0x7f});
        assertRefused(notNpy, Npy::readHeader, "limit");
        Files.write(notNpy, new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 100, 0, '{'});
        assertRefused(notNpy, Npy::readHeader, "truncated");
        assertRefused(tmp.resolve("absent.npy"), Npy::readHeader, "missing file");
    }

    @Test
    void writesAlignedFilesThatReadBackAndIgnoresTrailingBytes() throws Exception {
        Path f = tmp.resolve("a.npy");
        float[] floats = {1.5f, -0f, Float.MIN_VALUE, 3e38f};
        Files.write(f, Npy.encode(floats));
        assertEquals(0, Npy.readHeader(f).dataOffset() % Npy.ALIGNMENT);
        assertArrayEquals(floats, Npy.readFloats(f, 10));
        Files.write(f, new byte[]{1, 2, 3}, StandardOpenOption.APPEND);
        assertArrayEquals(floats, Npy.readFloats(f, 10), "bytes after the declared data are a torn append");

        Files.write(f, Npy.encode(new int[]{Integer.MIN_VALUE, 7}));
        assertArrayEquals(new int[]{Integer.MIN_VALUE, 7}, Npy.readInts(f, 10));
        Files.write(f, Npy.encode(new long[]{Long.MAX_VALUE, 0}));
        assertArrayEquals(new long[]{Long.MAX_VALUE, 0}, Npy.readLongs(f, 10));
        Files.write(f, Npy.encode(new float[0]));
        assertEquals(0, Npy.readFloats(f, 10).length);
    }

    @Test
    void largeArraysAreReadAcrossChunks() throws Exception {
        float[] values = new float[700_000]; // 2.8 MB: several 1 MiB chunks
        for (int i = 0; i < values.length; i++) values[i] = i * 0.5f;
        Path f = tmp.resolve("big.npy");
        Files.write(f, Npy.encode(values));
        assertArrayEquals(values, Npy.readFloats(f, values.length));
    }

    @Test
    void appenderGrowsInPlaceWithoutTouchingEarlierRows() throws Exception {
        Path f = tmp.resolve("grow.npy");
        try (NpyAppender a = NpyAppender.create(f, Npy.DType.FLOAT32, 2, 3)) {
            assertArrayEquals(new long[]{0, 2, 3}, Npy.readHeader(f).shape());
            int headerBlock = (int) Npy.readHeader(f).dataOffset();
            a.appendFloats(new float[]{1, 2, 3, 4, 5, 6});
            byte[] first = Files.readAllBytes(f);
            a.appendFloats(new float[]{7, 8, 9, 10, 11, 12});
            byte[] second = Files.readAllBytes(f);
            assertEquals(2, a.rows());
            assertEquals(headerBlock + 2 * 24, second.length);
            assertArrayEquals(Arrays.copyOfRange(first, headerBlock, first.length),
                    Arrays.copyOfRange(second, headerBlock, first.length));
            Npy.Header h = Npy.readHeader(f);
            assertArrayEquals(new long[]{2, 2, 3}, h.shape());
            assertEquals(headerBlock, h.dataOffset(), "the header block never changes size");
            assertThrows(IllegalArgumentException.class, () -> a.appendFloats(new float[5]));
            assertThrows(IllegalStateException.class, () -> a.appendLong(3));
        }
        // the block is sized for any row count a long can hold
        long[] largest = {Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int block = Npy.headerBlockSize(Npy.DType.FLOAT32, largest);
        assertEquals(block, Npy.header(Npy.DType.FLOAT32, largest, block).length);
        assertEquals(0, block % Npy.ALIGNMENT);
    }

    @Test
    void parsesThePythonLiteralsNumpyWrites() {
        Object v = PyLiteral.parse("{\"descr\": '<f8', 'fortran_order': True, 'shape': (3L, 4), 'x': [None, ()], }  \n");
        assertEquals(Map.of("descr", "<f8", "fortran_order", true,
                "shape", List.of(new PyLiteral.Int("3"), new PyLiteral.Int("4")),
                "x", Arrays.asList(null, List.of())), v);
        assertEquals(List.of(new PyLiteral.Int("5")), PyLiteral.parse("(5,)"));
        for (String bad : List.of("{'a': 1", "{'a' 1}", "{1: 2}", "(1 2)", "'open", "{'a': 1} x", "[[[[[[[[[[1]]]]]]]]]]", "-")) {
            assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse(bad), bad);
        }
    }
}
