package org.npg4j.bench;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH benchmarks' operations timed in CPU time instead of wall time, for a machine shared with other work (where
 * JMH's wall-clock scores and errors mostly measure the neighbours). Like JMH, every (benchmark method, combination
 * of its {@code @Param} values) runs in a JVM of its own, so that one benchmark's type profile does not slow the
 * next; there the class is instantiated, set up as JMH would (trial level), the method (called reflectively, which
 * adds a few ns per call) warmed up for 0.5 s of CPU and then called in rounds of about 50 ms of CPU for 1 s; the
 * result is the
 * median over rounds of the calling thread's CPU time per operation, and also the process's CPU time per operation
 * over all rounds (all threads: this one, GC, JIT and the workers of threaded benchmarks; its clock may tick in 10 ms
 * steps, hence no median).
 * <pre>
 *   java -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.CpuTimeSuite [--out DIR] [REGEX]
 * </pre>
 * REGEX selects {@code Class.method} names; writes {@code DIR/cpu.md} (default {@code bench-results}).
 */
public final class CpuTimeSuite {
    static final List<Class<?>> BENCHMARKS = List.of(EnvStepBench.class, LunarLanderBench.class,
            VectorEnvBench.class, MlpBench.class, FisherBench.class, GaeBench.class, PolicyEvaluationBench.class,
            ExactNpgBench.class, LinearProgramBench.class);
    static final long WARMUP_NANOS = 500_000_000L;
    static final long MEASURE_NANOS = 1_000_000_000L;
    static final long ROUND_NANOS = 50_000_000L;

    private CpuTimeSuite() {
    }

    /** One timed (benchmark, params): medians per operation in ns. */
    record Timing(String name, String params, double threadCpuNanos, double processCpuNanos, long operations) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--one")) {
            one(args);
            return;
        }
        Path out = Path.of("bench-results");
        Pattern filter = Pattern.compile(".*");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
            } else {
                filter = Pattern.compile(args[i]);
            }
        }
        String load = JmhSuite.loadAverage();
        List<Timing> timings = new ArrayList<>();
        for (Class<?> c : BENCHMARKS) {
            for (Method m : c.getDeclaredMethods()) {
                String name = c.getSimpleName() + "." + m.getName();
                if (m.isAnnotationPresent(Benchmark.class) && m.getParameterCount() == 0 && filter.matcher(name).find()) {
                    for (List<String[]> params : combinations(c)) {
                        Timing t = fork(c, m, params);
                        System.out.println(row(t));
                        timings.add(t);
                    }
                }
            }
        }
        Files.createDirectories(out);
        StringBuilder sb = new StringBuilder(Scaling.f("CPU time per operation (%s); load average %s before, %s "
                + "after.%n%n", Scaling.machine(), load, JmhSuite.loadAverage()));
        sb.append(header());
        timings.forEach(t -> sb.append(row(t)).append('\n'));
        Files.writeString(out.resolve("cpu.md"), sb.toString());
        System.out.println("wrote " + out.resolve("cpu.md"));
    }

    /** Times one (method, params) in a child JVM with this JVM's java, class path and maximum heap. */
    static Timing fork(Class<?> c, Method m, List<String[]> params) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m"));
        cmd.addAll(org.npg4j.nn.Kernels.childJvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                CpuTimeSuite.class.getName(), "--one", c.getName(), m.getName()));
        for (String[] p : params) {
            cmd.add(p[0] + "=" + p[1]);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int code = p.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT\t")) {
                String[] f = line.split("\t");
                String ps = String.join(", ", params.stream().map(x -> x[0] + "=" + x[1]).toList());
                return new Timing(c.getSimpleName() + "." + m.getName(), ps, Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Long.parseLong(f[3]));
            }
        }
        throw new IllegalStateException(c.getSimpleName() + "." + m.getName() + " " + cmd.subList(7, cmd.size())
                + ": exit " + code + ", no result: " + output.strip());
    }

    /** In the child: {@code --one CLASS METHOD [field=value ...]}; prints {@code RESULT\tthreadNs\tprocessNs\tops}. */
    private static void one(String[] args) throws ReflectiveOperationException {
        Class<?> c = Class.forName(args[1]);
        Method m = c.getDeclaredMethod(args[2]);
        List<String[]> params = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            params.add(args[i].split("=", 2));
        }
        Timing t = time(c, m, params);
        System.out.println("RESULT\t" + t.threadCpuNanos() + "\t" + t.processCpuNanos() + "\t" + t.operations());
    }

    static String header() {
        return "| benchmark | params | thread CPU / op | process CPU / op | ops timed |\n|---|---|---|---|---|\n";
    }

    static String row(Timing t) {
        return Scaling.f("| %s | %s | %s | %s | %,d |", t.name(), t.params(), duration(t.threadCpuNanos()),
                duration(t.processCpuNanos()), t.operations());
    }

    /** 850 ns, 12.3 µs, 4.56 ms, 1.23 s. */
    static String duration(double ns) {
        if (ns < 1e3) {
            return Scaling.f("%.1f ns", ns);
        }
        if (ns < 1e6) {
            return Scaling.f("%.3g µs", ns / 1e3);
        }
        if (ns < 1e9) {
            return Scaling.f("%.3g ms", ns / 1e6);
        }
        return Scaling.f("%.3g s", ns / 1e9);
    }

    /** Every combination of the class's {@code @Param} values, as (field, value) pairs in declaration order. */
    static List<List<String[]>> combinations(Class<?> c) {
        List<List<String[]>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Field f : c.getDeclaredFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p == null) {
                continue;
            }
            List<List<String[]>> next = new ArrayList<>();
            for (List<String[]> combo : combos) {
                for (String v : p.value()) {
                    List<String[]> c2 = new ArrayList<>(combo);
                    c2.add(new String[] {f.getName(), v});
                    next.add(c2);
                }
            }
            combos = next;
        }
        return combos;
    }

    static Timing time(Class<?> c, Method m, List<String[]> params) throws ReflectiveOperationException {
        Object state = c.getDeclaredConstructor().newInstance();
        for (String[] p : params) {
            Field f = c.getDeclaredField(p[0]);
            f.setAccessible(true);
            Class<?> type = f.getType();
            if (type == int.class) {
                f.setInt(state, Integer.parseInt(p[1]));
            } else if (type == double.class) {
                f.setDouble(state, Double.parseDouble(p[1]));
            } else if (type == boolean.class) {
                f.setBoolean(state, Boolean.parseBoolean(p[1]));
            } else if (type == String.class) {
                f.set(state, p[1]);
            } else {
                throw new IllegalArgumentException(c.getSimpleName() + "." + p[0] + ": unsupported @Param type " + type);
            }
        }
        invokeAnnotated(c, state, Setup.class);
        m.setAccessible(true);
        try {
            long w0 = Scaling.threadCpuNanos();
            long calls = 0;
            while (Scaling.threadCpuNanos() - w0 < WARMUP_NANOS) {
                m.invoke(state);
                calls++;
            }
            // Rounds of about ROUND_NANOS of CPU, sized from the warm-up's rate.
            double perCall = (double) (Scaling.threadCpuNanos() - w0) / calls;
            long perRound = Math.max(1, (long) (ROUND_NANOS / perCall));
            List<double[]> rounds = new ArrayList<>();
            long ops = 0;
            long start = Scaling.threadCpuNanos();
            long processStart = Scaling.processCpuNanos();
            while (rounds.size() < 3 || Scaling.threadCpuNanos() - start < MEASURE_NANOS) {
                long t0 = Scaling.threadCpuNanos();
                for (long k = 0; k < perRound; k++) {
                    m.invoke(state);
                }
                rounds.add(new double[] {(double) (Scaling.threadCpuNanos() - t0) / perRound});
                ops += perRound;
            }
            // The process clock may tick in 10 ms steps: its figure is the total over all rounds, not a median.
            double process = (double) (Scaling.processCpuNanos() - processStart) / ops;
            String ps = String.join(", ", params.stream().map(p -> p[0] + "=" + p[1]).toList());
            return new Timing(c.getSimpleName() + "." + m.getName(), ps, median(rounds, 0), process, ops);
        } finally {
            invokeAnnotated(c, state, TearDown.class);
        }
    }

    private static void invokeAnnotated(Class<?> c, Object state, Class<? extends java.lang.annotation.Annotation> a)
            throws IllegalAccessException, InvocationTargetException {
        for (Method s : c.getDeclaredMethods()) {
            if (s.isAnnotationPresent(a) && !Modifier.isStatic(s.getModifiers())) {
                s.setAccessible(true);
                s.invoke(state);
            }
        }
    }

    static double median(List<double[]> rounds, int k) {
        double[] v = rounds.stream().mapToDouble(r -> r[k]).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
