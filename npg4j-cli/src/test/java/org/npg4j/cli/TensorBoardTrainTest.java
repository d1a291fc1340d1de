package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.tensorboard.proto.Event;
import org.npg4j.tensorboard.proto.Summary;

/** {@code npg4j train} writes a TensorBoard event file holding exactly the scalars of its metrics.csv. */
class TensorBoardTrainTest {
    @TempDir
    Path tmp;

    @Test
    void trainWritesTheMetricsOfTheCsvAsTensorBoardScalars() throws Exception {
        Path out = tmp.resolve("runs");
        Cli c = Cli.run("train", "--timesteps", "1024", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        Path run = onlyChild(out);
        List<Path> files = eventFiles(run);
        assertEquals(1, files.size(), files.toString());

        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        String[] header = csv.get(0).split(",", -1);
        List<Event> events = events(files.get(0));
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        assertEquals(csv.size() - 1, events.size() - 1);
        for (int r = 1; r < csv.size(); r++) {
            String[] cells = csv.get(r).split(",", -1);
            Map<String, Float> expected = new LinkedHashMap<>();
            for (int k = 0; k < header.length; k++) {
                if (!cells[k].isEmpty()) {
                    expected.put(header[k], (float) Double.parseDouble(cells[k]));
                }
            }
            Event e = events.get(r);
            assertEquals((long) Double.parseDouble(cells[List.of(header).indexOf("time/total_timesteps")]),
                    e.getStep());
            Map<String, Float> actual = new LinkedHashMap<>();
            for (Summary.Value v : e.getSummary().getValueList()) {
                actual.put(v.getTag(), v.getSimpleValue());
            }
            assertEquals(expected.keySet(), actual.keySet(), "row " + r);
            for (String k : expected.keySet()) {
                // The CSV rounds to 10 significant digits; the event holds the float32 of the full value.
                assertEquals(expected.get(k), actual.get(k), Math.ulp(expected.get(k)), k + " in row " + r);
            }
        }
    }

    @Test
    void noTensorboardWritesNoEventFile() throws Exception {
        Path out = tmp.resolve("runs");
        Cli c = Cli.run("train", "--timesteps", "256", "--no-tensorboard", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(eventFiles(onlyChild(out)).isEmpty());
    }

    private static Path onlyChild(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findFirst().orElseThrow();
        }
    }

    private static List<Path> eventFiles(Path run) throws Exception {
        try (Stream<Path> s = Files.list(run)) {
            return s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
        }
    }

    /** The events of a record file (checksums are checked by the core module's reader test). */
    private static List<Event> events(Path file) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] data = new byte[(int) in.getLong()];
            in.getInt();
            in.get(data);
            in.getInt();
            events.add(Event.parseFrom(data));
        }
        return events;
    }
}
