package org.npg4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a training run spends its time: the execution samples of a JFR recording sorted into the phases of an
 * on-policy update (rollout and env stepping, forward, backward, optimizer; for TRPO the critic fit, the
 * Fisher-vector products of conjugate gradient, the line search) and, separately, by the leaf method's kind (matrix
 * kernels, tanh, activation derivatives, Adam, env, other):
 * <pre>
 *   java -Xmx256m --add-modules jdk.incubator.vector -XX:StartFlightRecording=filename=ppo.jfr,settings=profile \
 *       -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.CartPoleWallTime ppo 0 1 2
 *   java -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.JfrShares ppo.jfr
 * </pre>
 * A sample's phase is decided by the methods on its whole stack (the innermost phase that matches), so the shares
 * add up to 100% of the samples taken in the recording's Java threads.
 */
public final class JfrShares {
    private JfrShares() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JfrShares RECORDING.jfr, got " + args.length + " arguments");
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("JfrShares: no recording at " + file);
        }
        Map<String, Integer> phases = new LinkedHashMap<>();
        Map<String, Integer> leaves = new LinkedHashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            List<String> frames = frames(e.getStackTrace());
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            phases.merge(phase(frames), 1, Integer::sum);
            leaves.merge(leaf(frames.get(0)), 1, Integer::sum);
        }
        if (samples == 0) {
            throw new IllegalArgumentException("JfrShares: " + file + " holds no jdk.ExecutionSample events"
                    + " (record with settings=profile)");
        }
        System.out.println("execution samples: " + samples);
        print("phase", phases, samples, Integer.MAX_VALUE);
        print("leaf method", leaves, samples, 12);
    }

    private static List<String> frames(RecordedStackTrace trace) {
        List<String> out = new ArrayList<>();
        if (trace == null) {
            return out;
        }
        for (RecordedFrame f : trace.getFrames()) {
            out.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
        }
        return out;
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.println("-- by " + title);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        int rest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < rows) {
                System.out.printf(Locale.ROOT, "%5.1f%%  %s%n", 100.0 * sorted.get(i).getValue() / samples,
                        sorted.get(i).getKey());
            } else {
                rest += sorted.get(i).getValue();
            }
        }
        if (rest > 0) {
            System.out.printf(Locale.ROOT, "%5.1f%%  (%d other methods)%n", 100.0 * rest / samples,
                    sorted.size() - rows);
        }
    }

    /** The phase of a sample, from its stack (leaf first, as JFR gives it). */
    static String phase(List<String> frames) {
        if (on(frames, "RolloutCollector.collect")) {
            return frames.stream().anyMatch(f -> f.startsWith("org.npg4j.env.") || f.startsWith("org.jbox2d."))
                    ? "rollout: env stepping" : "rollout: policy forward and buffer";
        }
        if (on(frames, "Trpo.train")) {
            if (on(frames, "CriticFit.fit")) {
                return on(frames, "Adam.step") ? "critic: Adam"
                        : on(frames, "valueGradient") ? "critic: backward"
                        : on(frames, "predictValues") ? "critic: forward" : "critic: minibatch gather";
            }
            if (on(frames, "ConjugateGradient.solve")) {
                return on(frames, "lambda$fisherOperator") ? "conjugate gradient: Fisher-vector products"
                        : "conjugate gradient: vector updates";
            }
            return on(frames, "fisherOperator") ? "Fisher operator setup (forward, Jacobians)"
                    : on(frames, "surrogateGradient") ? "surrogate gradient (forward, backward)"
                    : on(frames, "surrogateAndKl") ? "line search (forward)" : "update: other";
        }
        if (on(frames, "Ppo.train")) {
            return on(frames, "Adam.step") ? "update: Adam"
                    : on(frames, "Mlp.backward") || on(frames, "gradientOfLastEvaluation") ? "update: backward"
                    : on(frames, "Mlp.forward") || on(frames, "evaluateActions") ? "update: forward"
                    : "update: loss, clipping, gather";
        }
        for (String f : frames) {
            if (f.endsWith(".train") && f.startsWith("org.npg4j.algo.")) {
                return "update (" + f.substring("org.npg4j.algo.".length()) + ")";
            }
        }
        return on(frames, "Trainer.learn") ? "trainer: GAE, logging" : "outside learn (setup, evaluation)";
    }

    /** The kind of the innermost method. */
    static String leaf(String top) {
        if (top.startsWith("org.npg4j.nn.VectorGemm.") || top.startsWith("org.npg4j.nn.Gemm.")) {
            return "matrix kernels";
        }
        if (top.startsWith("org.npg4j.nn.FastTanh.")) {
            return "tanh";
        }
        if (top.endsWith(".multiplyByDerivative")) {
            return "activation derivatives";
        }
        if (top.startsWith("org.npg4j.nn.Adam.")) {
            return "Adam";
        }
        if (top.startsWith("org.npg4j.env.") || top.startsWith("org.jbox2d.")) {
            return "env";
        }
        if (top.startsWith("jdk.incubator.vector.")) {
            return "Vector API internals (until C2 compiles the kernels)";
        }
        int dot = top.lastIndexOf('.');
        int cls = top.lastIndexOf('.', dot - 1);
        return "other: " + top.substring(cls + 1);
    }

    private static boolean on(List<String> frames, String method) {
        for (String f : frames) {
            if (f.contains(method)) {
                return true;
            }
        }
        return false;
    }
}
