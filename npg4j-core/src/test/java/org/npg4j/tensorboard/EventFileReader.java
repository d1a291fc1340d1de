package org.npg4j.tensorboard;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of TensorBoard event files written independently of {@link EventFileWriter}: its CRC-32C is the bitwise
 * definition (not {@code java.util.zip.CRC32C}), and it decodes the Event messages field by field from the wire
 * format with the field numbers of TensorFlow's published event.proto and summary.proto (not the generated classes),
 * so that a wrong field number or type in npg4j's .proto file fails the tests.
 */
final class EventFileReader {
    /** One decoded event: the file version (or null) or the scalars of a summary, by tag in file order. */
    record Event(double wallTime, long step, String fileVersion, Map<String, Float> scalars) {
    }

    private EventFileReader() {
    }

    /** Every event of the file; throws an AssertionError naming the record on any framing or checksum error. */
    static List<Event> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            int r = events.size();
            if (in.remaining() < 12) {
                throw new AssertionError("record " + r + ": " + in.remaining() + " bytes left, a header needs 12");
            }
            int start = in.position();
            long length = in.getLong();
            int lengthCrc = in.getInt();
            if (lengthCrc != masked(crc32c(bytes, start, 8))) {
                throw new AssertionError("record " + r + ": bad length checksum");
            }
            if (length > in.remaining() - 4) {
                throw new AssertionError("record " + r + ": length " + length + " exceeds the file");
            }
            byte[] data = new byte[(int) length];
            in.get(data);
            int dataCrc = in.getInt();
            if (dataCrc != masked(crc32c(data, 0, data.length))) {
                throw new AssertionError("record " + r + ": bad data checksum");
            }
            events.add(event(data));
        }
        return events;
    }

    /** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), one bit at a time. */
    static int crc32c(byte[] b, int off, int len) {
        int crc = 0xffffffff;
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    /** TensorFlow's mask: rotate right by 15, add 0xa282ead8. */
    static int masked(int crc) {
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    private static Event event(byte[] data) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data);
        double wallTime = 0;
        long step = 0;
        String version = null;
        Map<String, Float> scalars = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_FIXED64 -> wallTime = in.readDouble();
                case (2 << 3) | WireFormat.WIRETYPE_VARINT -> step = in.readInt64();
                case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> version = in.readStringRequireUtf8();
                case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> summary(in.readByteArray(), scalars);
                default -> throw new AssertionError("unexpected Event field tag " + tag);
            }
        }
        return new Event(wallTime, step, version, scalars);
    }

    /** Summary: repeated Value value = 1; Value: string tag = 1, float simple_value = 2. */
    private static void summary(byte[] data, Map<String, Float> scalars) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag != ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                throw new AssertionError("unexpected Summary field tag " + tag);
            }
            CodedInputStream v = CodedInputStream.newInstance(in.readByteArray());
            String name = null;
            Float value = null;
            for (int t = v.readTag(); t != 0; t = v.readTag()) {
                if (t == ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    name = new String(v.readByteArray(), StandardCharsets.UTF_8);
                } else if (t == ((2 << 3) | WireFormat.WIRETYPE_FIXED32)) {
                    value = v.readFloat();
                } else {
                    throw new AssertionError("unexpected Summary.Value field tag " + t);
                }
            }
            if (name == null || value == null) {
                throw new AssertionError("a Summary.Value without tag or simple_value");
            }
            scalars.put(name, value);
        }
    }
}
