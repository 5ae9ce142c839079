package org.predspace.runs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads and writes that loop until done: a single channel call may move fewer bytes. */
final class ChannelIo {
    private ChannelIo() {}

    static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        readUpTo(ch, dst, position);
        if (dst.hasRemaining()) throw new EOFException("file ends " + dst.remaining() + " bytes early");
    }

    /** Reads until {@code dst} is full or the file ends. */
    static void readUpTo(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) return;
            p += n;
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer src, long position) throws IOException {
        long p = position;
        while (src.hasRemaining()) p += ch.write(src, p);
    }
}
