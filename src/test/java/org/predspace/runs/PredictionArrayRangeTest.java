package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Reading many checkpoints at once (one open file, whole rows per direct buffer) gives what
 * reading them one by one gives, across buffer boundaries, in every float type and byte order.
 */
class PredictionArrayRangeTest {
    @TempDir Path tmp;

    /** T checkpoints of N x C softmax rows; checkpoint {@code bad} (if >= 0) has a row summing to 0.5. */
    private Path predictions(String name, Npy.DType dtype, int t, int n, int c, int bad) throws Exception {
        long[] shape = {t, n, c};
        int block = Npy.headerBlockSize(dtype, shape);
        ByteBuffer b = ByteBuffer.allocate(block + t * n * c * dtype.size()).order(dtype.order());
        b.put(Npy.header(dtype, shape, block));
        Random random = new Random(7);
        for (int k = 0; k < t; k++) {
            for (int s = 0; s < n; s++) {
                double[] row = new double[c];
                double sum = 0;
                for (int j = 0; j < c; j++) sum += row[j] = random.nextDouble();
                for (int j = 0; j < c; j++) {
                    double p = row[j] / sum * (k == bad && s == 3 ? 0.5 : 1);
                    if (dtype.size() == 4) b.putFloat((float) p); else b.putDouble(p);
                }
            }
        }
        Path file = tmp.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    @Test
    void aRangeEqualsTheCheckpointsReadOneByOne() throws Exception {
        // 1,000 x 10 float32 = 40 KB per checkpoint: 26 per 1 MB buffer, so 57 span three buffers
        Npy.DType bigEndianDouble = new Npy.DType('f', 8, ByteOrder.BIG_ENDIAN);
        for (Npy.DType dtype : List.of(Npy.DType.FLOAT32, bigEndianDouble)) {
            Path file = predictions("p-" + dtype.descr().charAt(0) + dtype.size() + ".npy", dtype, 57, 1000, 10, -1);
            PredictionArray array = PredictionArray.open(file, 57, 1000, 10, "labels");
            float[][] all = array.read(0, 57);
            float[][] middle = array.read(5, 44);
            List<Integer> visited = new ArrayList<>();
            array.forEach(3, 50, (t, values) -> {
                visited.add(t);
                assertArrayEquals(all[t], values, "checkpoint " + t + " visited, " + dtype.descr());
            });
            for (int t = 0; t < 57; t++) {
                float[] one = array.read(t);
                assertArrayEquals(one, all[t], "checkpoint " + t + ", " + dtype.descr());
                if (t >= 5 && t < 44) assertArrayEquals(one, middle[t - 5]);
            }
            assertEquals(47, visited.size());
            assertEquals(3, visited.get(0));
            assertEquals(49, visited.get(46));
            assertNotSame(all[0], all[1], "read(from, to) returns an array per checkpoint");
        }
    }

    @Test
    void aBadCheckpointInARangeIsNamedAfterTheGoodOnesBeforeIt() throws Exception {
        Path file = predictions("bad.npy", Npy.DType.FLOAT32, 40, 1000, 10, 31);
        PredictionArray array = PredictionArray.open(file, 40, 1000, 10, "labels");
        List<Integer> visited = new ArrayList<>();
        RunFormatException e = assertThrows(RunFormatException.class, () -> array.forEach(0, 40, (t, v) -> visited.add(t)));
        assertTrue(e.getMessage().contains("checkpoint 31, probe row 3 sums to"), e.getMessage());
        assertEquals(31, visited.size());
        assertThrows(RunFormatException.class, () -> array.read(20, 40));
        assertEquals(1000 * 10, array.read(20, 31)[10].length);
        assertThrows(IndexOutOfBoundsException.class, () -> array.read(30, 41));
    }
}
