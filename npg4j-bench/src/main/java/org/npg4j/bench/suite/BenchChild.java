package org.npg4j.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.npg4j.cli.Main;
import org.npg4j.cli.RunDirectory;
import org.npg4j.env.Envs;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.JsonInput;
import picocli.CommandLine;

/**
 * One training run of {@code npg4j bench} in its own JVM: {@code java -Xmx256m -cp <npg4j> org.npg4j.cli.Main train
 * --algo A --env E --preset zoo --timesteps B --seed S --out <out>/runs/<algo-env>/s<S>}, so that every run has its
 * own heap limit and its peak memory can be measured. The child gets the JVM settings {@code bin/npg4j} gives a
 * training process ({@link org.npg4j.cli.TrainingJvm}), so it is timed and sized as a user's run. The child's stdout
 * and stderr go to {@code s<S>.out} and
 * {@code s<S>.err} beside its run directory.
 *
 * <p>Resume: a finished child leaves {@code s<S>.json} beside them (its training arguments, exit code, wall time,
 * peak memory and run directory). A later bench with the same output folder reuses that run instead of training
 * again when the arguments are the same, the exit code was 0 and the run directory still has its final
 * {@code eval.json}; anything else (an interrupted child, other arguments) trains anew. So a suite of many hours can
 * be run in parts, and an interrupted one loses only its unfinished runs.
 *
 * <p>Peak RSS: the parent reads {@code VmHWM} (the resident set's high-water mark, which never decreases) from
 * {@code /proc/<pid>/status} every 100 ms while the child lives; the last reading is the peak up to 100 ms before
 * the exit (Linux only; elsewhere -1, shown as n/a).
 */
final class BenchChild {
    static final long POLL_MILLIS = 100;

    /** How children are launched: the java executable, the class path, the heap limit. */
    record Launcher(Path java, String classPath, String maxHeap) {
        /**
         * This JVM's java and the class path that holds npg4j: its runnable jar, or the JVM's class path in a build.
         * The jar that {@code Main} comes from is used only if the command's libraries (picocli, npg4j-core) come
         * from it too: in a Maven build after {@code package}, this module sees npg4j-cli's thin jar.
         */
        static Launcher current(String maxHeap) {
            String exe = System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java";
            Path java = Path.of(System.getProperty("java.home"), "bin", exe);
            String cp = System.getProperty("java.class.path");
            Path src = codeSource(Main.class);
            if (src != null && Files.isRegularFile(src) && src.equals(codeSource(CommandLine.class))
                    && src.equals(codeSource(Envs.class))) {
                cp = src.toString();
            }
            return new Launcher(java, cp, maxHeap);
        }

        /** The jar or directory a class was loaded from, null if unknown. */
        static Path codeSource(Class<?> c) {
            try {
                return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException | SecurityException | NullPointerException
                     | IllegalArgumentException e) {
                return null;
            }
        }

        List<String> command(BenchSuite.Row row, long seed, Path out) {
            List<String> cmd = new java.util.ArrayList<>(List.of(java.toString()));
            cmd.addAll(org.npg4j.cli.TrainingJvm.childOptions(maxHeap));
            cmd.addAll(List.of("-cp", classPath, Main.class.getName(), "train",
                    "--algo", row.algo(), "--env", row.env(), "--preset", "zoo",
                    "--timesteps", Long.toString(row.budget()), "--seed", Long.toString(seed),
                    "--out", out.toString(), "--keep-checkpoints", "1"));
            return cmd;
        }
    }

    private BenchChild() {
    }

    /** Runs one seed of a row to the end and records it; a failing child is recorded, never thrown. */
    static BenchRun run(Launcher launcher, BenchSuite.Row row, long seed, Path benchOut) throws InterruptedException {
        Finished f = runChild(out -> launcher.command(row, seed, out), benchOut, row.key(), seed);
        String failure = f.failure(BenchChild::lastLine);
        if (failure != null) {
            return BenchRun.failed(row, seed, f.code(), failure, f.wall(), f.peakKb(), f.runDir());
        }
        try {
            return BenchRun.finished(row, seed, RunDirectory.read(Path.of(f.runDir())), f.wall(), f.peakKb(),
                    f.reused());
        } catch (IllegalArgumentException e) {
            return BenchRun.failed(row, seed, f.code(), Main.oneLine(e), f.wall(), f.peakKb(), f.runDir());
        }
    }

    /**
     * A child run that has ended.
     *
     * @param code       its exit code, -1 when it could not start
     * @param startError why it could not start, or null
     * @param wall       wall seconds
     * @param peakKb     its peak resident set (VmHWM) in kB, -1 if unknown
     * @param created    the directories it created in {@code out}
     */
    record Finished(int code, String startError, double wall, long peakKb, List<Path> created, Path out, Path stdout,
                    Path stderr, boolean reused) {
        /** The one run directory the child created, or "" when it created none or several. */
        String runDir() {
            return created.size() == 1 ? created.get(0).toString() : "";
        }

        /**
         * Why the run failed, or null: it could not start, it exited non-zero (with the line {@code line} picks from
         * stderr and stdout), or it did not create exactly one run directory.
         */
        String failure(LinePicker line) {
            if (startError != null) {
                return "cannot start: " + startError;
            }
            if (code != 0) {
                return "exit " + code + ": " + line.pick(stderr, stdout);
            }
            if (runDir().isEmpty()) {
                return "exit 0 but " + created.size() + " new run directories in " + out;
            }
            return null;
        }
    }

    /** Picks the line that says why a child failed from its stderr and stdout. */
    interface LinePicker {
        String pick(Path stderr, Path stdout);
    }

    /**
     * Runs the command {@code command} gives for its output folder {@code runs/<key>/s<seed>} under {@code benchOut}
     * (stdout and stderr beside it) to its end, polling its peak resident set.
     */
    static Finished runChild(java.util.function.Function<Path, List<String>> command, Path benchOut, String key,
            long seed) throws InterruptedException {
        Path parent = benchOut.resolve("runs").resolve(key);
        Path out = parent.resolve("s" + seed);
        Path stdout = parent.resolve("s" + seed + ".out");
        Path stderr = parent.resolve("s" + seed + ".err");
        Path record = parent.resolve("s" + seed + ".json");
        List<String> cmd = command.apply(out);
        List<String> args = trainingArguments(cmd);
        Finished previous = reusable(record, args, out, stdout, stderr);
        if (previous != null) {
            return previous;
        }
        long t0 = System.nanoTime();
        Set<Path> before;
        Process p;
        try {
            Files.createDirectories(out);
            Files.deleteIfExists(record);
            before = subdirectories(out);
            p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            return new Finished(-1, Main.oneLine(e), 0, -1, List.of(), out, stdout, stderr, false);
        }
        long peak = -1;
        try {
            while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, vmHwmKb(p.pid()));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        List<Path> created = new ArrayList<>(subdirectories(out));
        created.removeAll(before);
        Finished f = new Finished(p.exitValue(), null, wall, peak, created, out, stdout, stderr, false);
        if (f.code() == 0 && !f.runDir().isEmpty()) {
            writeRecord(record, args, f);
        }
        return f;
    }

    /** The arguments after the main class: what the child trains, whatever the java, heap and class path. */
    static List<String> trainingArguments(List<String> command) {
        int i = command.indexOf(Main.class.getName());
        return List.copyOf(i < 0 ? command : command.subList(i + 1, command.size()));
    }

    private static void writeRecord(Path record, List<String> args, Finished f) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        args.forEach(o.putArray("arguments")::add);
        o.put("exit_code", f.code());
        o.put("wall_seconds", f.wall());
        o.put("peak_kb", f.peakKb());
        o.put("run_dir", f.runDir());
        try {
            AtomicFiles.writeString(record, JsonInput.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o)
                    + "\n");
        } catch (IOException | java.io.UncheckedIOException e) {
            // without the record the run is trained again next time; the result at hand stands
        }
    }

    /**
     * The finished child {@code record} describes, when it trained the same arguments, exited 0 and its run
     * directory still holds its final evaluation; else null (train anew). An unreadable record counts as none.
     */
    static Finished reusable(Path record, List<String> args, Path out, Path stdout, Path stderr) {
        if (!Files.isRegularFile(record)) {
            return null;
        }
        try {
            JsonNode o = JsonInput.mapper().readTree(Files.readString(record));
            List<String> before = new ArrayList<>();
            o.path("arguments").forEach(a -> before.add(a.asText()));
            Path dir = Path.of(o.path("run_dir").asText(""));
            if (!before.equals(args) || o.path("exit_code").asInt(-1) != 0 || o.path("run_dir").asText("").isEmpty()
                    || !Files.isRegularFile(dir.resolve("eval.json"))) {
                return null;
            }
            return new Finished(0, null, o.path("wall_seconds").asDouble(Double.NaN), o.path("peak_kb").asLong(-1),
                    List.of(dir), out, stdout, stderr, true);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** VmHWM of a live process in kB; -1 if unavailable (not Linux, or the process has just ended). */
    static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // unavailable
        }
        return -1;
    }

    private static Set<Path> subdirectories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return new HashSet<>(s.filter(Files::isDirectory).toList());
        } catch (IOException e) {
            return new HashSet<>();
        }
    }

    /** The last non-blank line of the first file that has one. */
    static String lastLine(Path... files) {
        for (Path f : files) {
            try {
                List<String> lines = Files.readAllLines(f);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (!lines.get(i).isBlank()) {
                        return lines.get(i).strip();
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // try the next file
            }
        }
        return "(no output)";
    }
}
