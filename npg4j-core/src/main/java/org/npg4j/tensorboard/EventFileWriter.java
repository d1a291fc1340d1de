package org.npg4j.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.npg4j.tensorboard.proto.Event;

/**
 * Appends records to a TensorFlow record file, the container of TensorBoard's event files. Each record is
 * <pre>
 *   uint64  length           (little-endian)
 *   uint32  masked_crc32c(length bytes)
 *   byte    data[length]     (a serialized Event)
 *   uint32  masked_crc32c(data)
 * </pre>
 * (TensorFlow's {@code tensorflow/core/lib/io/record_writer.cc}). Every record is written and flushed as one
 * piece, so a killed process leaves whole records (a reader stops at a cut last record).
 */
final class EventFileWriter implements AutoCloseable {
    /** The version string of the first event of every file (TensorFlow's {@code kVersionPrefix} + 2). */
    static final String FILE_VERSION = "brain.Event:2";
    /** Added to the rotated CRC by TensorFlow's {@code crc32c::Mask}. */
    private static final int MASK_DELTA = 0xa282ead8;

    private final Path file;
    private final OutputStream out;

    /** Creates {@code file} (which must not exist) and writes the file-version event. */
    EventFileWriter(Path file, double wallTime) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        write(Event.newBuilder().setWallTime(wallTime).setFileVersion(FILE_VERSION).build());
    }

    Path file() {
        return file;
    }

    /** Appends one event as one record and flushes it. */
    void write(Event event) throws IOException {
        out.write(record(event.toByteArray()));
        out.flush();
    }

    /** The bytes of one record holding {@code data}. */
    static byte[] record(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc32c(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc32c(data, 0, data.length));
        return b.array();
    }

    /**
     * TensorFlow's masked CRC-32C: the checksum rotated right by 15 bits plus a constant, because a CRC computed
     * over data that itself contains CRCs is weak (TensorFlow's {@code crc32c.h}).
     */
    static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
