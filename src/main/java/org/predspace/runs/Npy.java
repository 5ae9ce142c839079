package org.predspace.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * NumPy .npy files: header parsing with limits, typed reads, and writing with a header block
 * of fixed size (so an appendable array can rewrite its shape in place, see {@link NpyAppender}).
 *
 * <p>Every read checks the header against the file before allocating anything: a header may
 * not declare more data than the file holds, so a 10^12-element claim in a tiny file is an error
 * and never an allocation. Bytes after the declared data are ignored; that is where a torn
 * append ends up.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data to 64 bytes; we do the same so our files look like np.save's. */
    static final int ALIGNMENT = 64;
    /** Far above anything numpy writes (its own reader stops at 10000) and small enough to read at once. */
    private static final int MAX_HEADER_BYTES = 1 << 16;
    private static final int MAX_DIMENSIONS = 32;
    private static final int CHUNK_BYTES = 1 << 20;

    private Npy() {}

    /** Element type of an array: kind 'i' (signed), 'u' (unsigned) or 'f' (float), size in bytes, byte order. */
    public record DType(char kind, int size, ByteOrder order) {
        public static final DType INT32 = new DType('i', 4, ByteOrder.LITTLE_ENDIAN);
        public static final DType INT64 = new DType('i', 8, ByteOrder.LITTLE_ENDIAN);
        public static final DType FLOAT32 = new DType('f', 4, ByteOrder.LITTLE_ENDIAN);

        public boolean isInteger() { return kind == 'i' || kind == 'u'; }

        public boolean isFloat() { return kind == 'f'; }

        /** The numpy descr string, e.g. {@code <f4}. */
        public String descr() {
            char o = size == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
            return "" + o + kind + size;
        }

        /** numpy's name for the type, e.g. float32, for messages. */
        public String numpyName() {
            return (kind == 'i' ? "int" : kind == 'u' ? "uint" : "float") + size * 8;
        }

        static DType parse(String descr, Path file) throws RunFormatException {
            if (descr.length() >= 2 && descr.charAt(1) == 'O' || descr.equals("O")) {
                throw new RunFormatException(file + ": dtype " + InputText.quote(descr) + " is an object array (pickled Python "
                        + "objects); refused, PredSpace never unpickles data. Save plain numeric arrays.");
            }
            if (descr.length() < 3) throw new RunFormatException(file + ": unsupported dtype " + InputText.quote(descr));
            char o = descr.charAt(0);
            char kind = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw new RunFormatException(file + ": unsupported dtype " + InputText.quote(descr));
            }
            boolean known = (kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)
                    || kind == 'f' && (size == 4 || size == 8);
            boolean orderOk = o == '<' || o == '>' || o == '|' && size == 1;
            if (!known || !orderOk) {
                throw new RunFormatException(file + ": unsupported dtype " + InputText.quote(descr)
                        + " (supported: int8..int64, uint8..uint64, float32, float64; either byte order)");
            }
            return new DType(kind, size, o == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** A parsed, checked header: the declared data fits in the file, the element count fits in a long. */
    public record Header(DType dtype, long[] shape, long dataOffset) {
        public int ndim() { return shape.length; }

        public long elementCount() {
            long n = 1;
            for (long d : shape) n *= d; // checked for overflow when the header was read
            return n;
        }

        public long dataBytes() { return elementCount() * dtype.size(); }

        public String shapeString() { return tuple(shape); }
    }

    // ---------------------------------------------------------------- reading

    /** Reads and checks the header of {@code file}. */
    public static Header readHeader(Path file) throws RunFormatException {
        try (FileChannel ch = openForRead(file)) {
            return readHeader(ch, file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static Header readHeader(FileChannel ch, Path file) throws IOException, RunFormatException {
        long fileSize = ch.size();
        ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ChannelIo.readUpTo(ch, prefix, 0);
        if (prefix.position() < 10 || !startsWithMagic(prefix.array())) {
            throw new RunFormatException(file + ": not an .npy file (missing the \\x93NUMPY magic)");
        }
        int major = prefix.get(6) & 0xff;
        long headerLen;
        int lenBytes;
        if (major == 1) {
            headerLen = prefix.getShort(8) & 0xffff;
            lenBytes = 2;
        } else if (major == 2 || major == 3) {
            if (prefix.position() < 12) throw new RunFormatException(file + ": truncated .npy header");
            headerLen = prefix.getInt(8) & 0xffffffffL;
            lenBytes = 4;
        } else {
            throw new RunFormatException(file + ": unsupported .npy format version " + major + "."
                    + (prefix.get(7) & 0xff) + " (supported: 1.0, 2.0, 3.0)");
        }
        long dataOffset = 8 + lenBytes + headerLen;
        if (headerLen > MAX_HEADER_BYTES) {
            throw new RunFormatException(file + ": .npy header claims " + headerLen + " bytes (limit " + MAX_HEADER_BYTES + ")");
        }
        if (dataOffset > fileSize) throw new RunFormatException(file + ": truncated .npy header");
        ByteBuffer text = ByteBuffer.allocate((int) headerLen);
        ChannelIo.readFully(ch, text, 8 + lenBytes);
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseDict(dict, dataOffset, file);
        long available = fileSize - dataOffset;
        if (h.dataBytes() > available) {
            throw new RunFormatException(file + ": header declares shape " + h.shapeString() + " of "
                    + h.dtype().numpyName() + " (" + h.dataBytes() + " bytes of data) but the file holds only "
                    + available + " bytes of data");
        }
        return h;
    }

    private static Header parseDict(String dict, long dataOffset, Path file) throws RunFormatException {
        Object parsed;
        try {
            parsed = PyLiteral.parse(dict);
        } catch (IllegalArgumentException e) {
            throw new RunFormatException(file + ": malformed .npy header (" + InputText.escape(e.getMessage(), 200) + ")");
        }
        if (!(parsed instanceof Map<?, ?> map) || !map.containsKey("descr") || !map.containsKey("shape")
                || !map.containsKey("fortran_order")) {
            throw new RunFormatException(file + ": .npy header lacks 'descr', 'fortran_order' or 'shape'");
        }
        if (!(map.get("descr") instanceof String descr)) {
            throw new RunFormatException(file + ": structured dtype " + PyLiteral.show(map.get("descr"))
                    + " is not supported; save a plain numeric array");
        }
        DType dtype = DType.parse(descr, file);
        long[] shape = parseShape(map.get("shape"), file);
        if (!(map.get("fortran_order") instanceof Boolean fortran)) {
            throw new RunFormatException(file + ": 'fortran_order' is not True or False");
        }
        if (fortran && dimensionsAboveOne(shape) > 1) {
            // Fortran order would need a transpose and would scatter one checkpoint over the file.
            throw new RunFormatException(file + ": Fortran-order arrays are not supported; save "
                    + "np.ascontiguousarray(a) instead");
        }
        long bytes = 1;
        try {
            for (long d : shape) bytes = Math.multiplyExact(bytes, d);
            Math.multiplyExact(bytes, dtype.size());
        } catch (ArithmeticException e) {
            throw new RunFormatException(file + ": header declares shape " + tuple(shape) + ", too large to be real");
        }
        return new Header(dtype, shape, dataOffset);
    }

    private static long[] parseShape(Object value, Path file) throws RunFormatException {
        if (!(value instanceof List<?> dims) || dims.size() > MAX_DIMENSIONS) {
            throw new RunFormatException(file + ": 'shape' " + PyLiteral.show(value) + " is not a tuple of at most " + MAX_DIMENSIONS + " integers");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof PyLiteral.Int n) || n.digits().startsWith("-")) {
                throw new RunFormatException(file + ": 'shape' " + PyLiteral.show(value) + " has a dimension that is not a non-negative integer");
            }
            if (n.digits().length() > 18) {
                throw new RunFormatException(file + ": header declares dimension " + PyLiteral.show(n) + ", too large to be real");
            }
            shape[i] = Long.parseLong(n.digits());
        }
        return shape;
    }

    private static int dimensionsAboveOne(long[] shape) {
        int n = 0;
        for (long d : shape) if (d > 1) n++;
        return n;
    }

    /** A whole 1-D integer array as longs; at most {@code maxElements} elements. */
    public static long[] readLongs(Path file, int maxElements) throws RunFormatException {
        try (FileChannel ch = openForRead(file)) {
            Header h = readHeader(ch, file);
            int n = vectorLength(h, file, maxElements);
            if (!h.dtype().isInteger()) {
                throw new RunFormatException(file + ": dtype '" + h.dtype().descr() + "' (" + h.dtype().numpyName()
                        + ") is not an integer type");
            }
            long[] out = new long[n];
            readLongs(ch, h, 0, out, file);
            return out;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A whole 1-D integer array whose values must fit in an int. */
    public static int[] readInts(Path file, int maxElements) throws RunFormatException {
        long[] values = readLongs(file, maxElements);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if ((int) values[i] != values[i]) {
                throw new RunFormatException(file + ": value " + values[i] + " at index " + i + " does not fit in int32");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** A whole 1-D float32 or float64 array as floats. */
    public static float[] readFloats(Path file, int maxElements) throws RunFormatException {
        try (FileChannel ch = openForRead(file)) {
            Header h = readHeader(ch, file);
            int n = vectorLength(h, file, maxElements);
            requireFloat(h, file);
            float[] out = new float[n];
            readFloats(ch, h, 0, out, 0, n);
            return out;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static void requireFloat(Header h, Path file) throws RunFormatException {
        if (!h.dtype().isFloat()) {
            throw new RunFormatException(file + ": dtype '" + h.dtype().descr() + "' (" + h.dtype().numpyName()
                    + ") is not float32 or float64");
        }
    }

    private static int vectorLength(Header h, Path file, int maxElements) throws RunFormatException {
        if (h.ndim() != 1) {
            throw new RunFormatException(file + ": expected a 1-D array, found shape " + h.shapeString());
        }
        if (h.shape()[0] > maxElements) {
            throw new RunFormatException(file + ": " + h.shape()[0] + " elements exceed the limit of " + maxElements);
        }
        return (int) h.shape()[0];
    }

    /** Decodes {@code count} floats starting at element {@code firstElement} of the data into {@code dst[off..]}. */
    static void readFloats(FileChannel ch, Header h, long firstElement, float[] dst, int off, int count) throws IOException {
        DType dt = h.dtype();
        int[] next = {off};
        readChunked(ch, h, firstElement, count, chunk -> {
            if (dt.size() == 4) {
                int n = chunk.remaining() / 4;
                chunk.asFloatBuffer().get(dst, next[0], n);
                next[0] += n;
            } else {
                while (chunk.hasRemaining()) dst[next[0]++] = (float) chunk.getDouble();
            }
        });
    }

    /** Receives row {@code index} of a {@link #readFloatRows} read. */
    interface RowSink {
        void accept(int index, float[] row) throws RunFormatException;
    }

    /**
     * Decodes {@code count} consecutive rows of {@code rowLength} elements, starting at element
     * {@code firstElement}, and hands them to {@code sink} in order, through one direct buffer of
     * whole rows: the file's bytes are copied once by the read and once, in bulk, into the row (a
     * heap buffer adds the JDK's own copy, and a fresh open per row a few system calls). Not
     * memory-mapped: a mapping lasts until the garbage collector finds it, and while it lasts
     * Windows refuses to delete or truncate the file (a run folder being removed, a torn append
     * repaired).
     *
     * @param fresh a new array per row (the sink keeps it); otherwise one array, reused for every row
     */
    static void readFloatRows(FileChannel ch, Header h, long firstElement, int count, int rowLength, boolean fresh,
                              RowSink sink) throws IOException, RunFormatException {
        int size = h.dtype().size();
        long rowBytes = (long) rowLength * size;
        float[] reused = fresh || count == 0 ? null : new float[rowLength];
        if (rowBytes == 0 || rowBytes > CHUNK_BYTES || count == 1) {   // a direct buffer pays off over many rows only
            for (int r = 0; r < count; r++) {
                float[] row = fresh ? new float[rowLength] : reused;
                readFloats(ch, h, firstElement + (long) r * rowLength, row, 0, rowLength);
                sink.accept(r, row);
            }
            return;
        }
        int rowsPerChunk = (int) Math.min(count, CHUNK_BYTES / rowBytes);
        ByteBuffer buf = ByteBuffer.allocateDirect((int) (rowsPerChunk * rowBytes)).order(h.dtype().order());
        long position = h.dataOffset() + firstElement * size;
        for (int done = 0; done < count; ) {
            int rows = Math.min(rowsPerChunk, count - done);
            buf.clear().limit((int) (rows * rowBytes));
            ChannelIo.readFully(ch, buf, position);
            buf.flip();
            FloatBuffer floats = size == 4 ? buf.asFloatBuffer() : null;
            for (int r = 0; r < rows; r++) {
                float[] row = fresh ? new float[rowLength] : reused;
                if (floats != null) {
                    floats.get(row);
                } else {
                    for (int i = 0; i < rowLength; i++) row[i] = (float) buf.getDouble();
                }
                sink.accept(done + r, row);
            }
            position += rows * rowBytes;
            done += rows;
        }
    }

    /** As {@link #readFloats(FileChannel, Header, long, float[], int, int)}, keeping float64 data in double. */
    static void readDoubles(FileChannel ch, Header h, long firstElement, double[] dst) throws IOException {
        DType dt = h.dtype();
        int[] next = {0};
        readChunked(ch, h, firstElement, dst.length, chunk -> {
            while (chunk.hasRemaining()) dst[next[0]++] = dt.size() == 4 ? chunk.getFloat() : chunk.getDouble();
        });
    }

    /** Decodes integers (any size, signed or unsigned) into {@code dst}; uint64 beyond int64 is an error. */
    static void readLongs(FileChannel ch, Header h, long firstElement, long[] dst, Path file)
            throws IOException, RunFormatException {
        DType dt = h.dtype();
        int[] next = {0};
        readChunked(ch, h, firstElement, dst.length, chunk -> {
            while (chunk.hasRemaining()) {
                long v = switch (dt.size()) {
                    case 1 -> dt.kind() == 'u' ? chunk.get() & 0xffL : chunk.get();
                    case 2 -> dt.kind() == 'u' ? chunk.getShort() & 0xffffL : chunk.getShort();
                    case 4 -> dt.kind() == 'u' ? chunk.getInt() & 0xffffffffL : chunk.getInt();
                    default -> chunk.getLong();
                };
                dst[next[0]++] = v;
            }
        });
        if (dt.kind() == 'u' && dt.size() == 8) {
            for (int i = 0; i < dst.length; i++) {
                if (dst[i] < 0) throw new RunFormatException(file + ": uint64 value at index " + i + " exceeds int64");
            }
        }
    }

    private interface ChunkDecoder { void decode(ByteBuffer chunk); }

    /** Reads in bounded chunks so that decoding never holds a second full-size copy of the data. */
    private static void readChunked(FileChannel ch, Header h, long firstElement, int count, ChunkDecoder decoder)
            throws IOException {
        int size = h.dtype().size();
        int perChunk = CHUNK_BYTES / size;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min((long) count * size, CHUNK_BYTES)).order(h.dtype().order());
        long position = h.dataOffset() + firstElement * size;
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            buf.clear().limit(n * size);
            ChannelIo.readFully(ch, buf, position);
            buf.flip();
            decoder.decode(buf);
            position += (long) n * size;
            done += n;
        }
    }

    static FileChannel openForRead(Path file) throws IOException {
        return BoundedFiles.openChannel(file);
    }

    static RunFormatException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new RunFormatException(file + ": missing file", e);
        if (e instanceof FileSystemException fs && fs.getReason() != null) return new RunFormatException(file + ": " + fs.getReason(), e);
        return new RunFormatException(file + ": cannot read (" + e + ")", e);
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) if (b[i] != MAGIC[i]) return false;
        return true;
    }

    // ---------------------------------------------------------------- writing

    /** A complete version 1.0 header of exactly {@code blockSize} bytes (padded with spaces, ends in '\n'). */
    public static byte[] header(DType dtype, long[] shape, int blockSize) {
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + tuple(shape) + ", }";
        int padded = blockSize - 10;
        if (dict.length() + 1 > padded || padded > 0xffff) {
            throw new IllegalArgumentException("header for shape " + tuple(shape) + " does not fit in " + blockSize + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(blockSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded);
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < blockSize - 1) b.put((byte) ' ');
        b.put((byte) '\n');
        return b.array();
    }

    /** The smallest aligned header block that holds the header of any array of this dtype and shape. */
    static int headerBlockSize(DType dtype, long[] shape) {
        int needed = 10 + ("{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': "
                + tuple(shape) + ", }").length() + 1;
        return (needed + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    public static byte[] encode(int[] values) {
        ByteBuffer b = withHeader(DType.INT32, values.length);
        b.asIntBuffer().put(values);
        return b.array();
    }

    public static byte[] encode(long[] values) {
        ByteBuffer b = withHeader(DType.INT64, values.length);
        b.asLongBuffer().put(values);
        return b.array();
    }

    public static byte[] encode(float[] values) {
        ByteBuffer b = withHeader(DType.FLOAT32, values.length);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** A little-endian buffer holding a header for a 1-D array, positioned at the start of the data. */
    private static ByteBuffer withHeader(DType dtype, int length) {
        long[] shape = {length};
        int block = headerBlockSize(dtype, shape);
        ByteBuffer b = ByteBuffer.allocate(block + length * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header(dtype, shape, block));
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Python tuple syntax, as numpy writes shapes: (), (3,), (3, 4). */
    static String tuple(long[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
        return s.append(')').toString();
    }
}
