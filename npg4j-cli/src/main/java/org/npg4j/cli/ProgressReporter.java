package org.npg4j.cli;

import org.npg4j.algo.MetricKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.npg4j.util.AtomicFiles;
import org.npg4j.train.Callback;
import org.npg4j.train.Trainer;

/**
 * Training progress: on a terminal a live one-line bar redrawn after every update (timesteps, fps, ETA, latest
 * ep_rew_mean, and ep_cost_mean when constrained); otherwise a plain line at every tenth of the budget. The plain
 * lines also go to {@code progress.log}, rewritten atomically each time.
 */
final class ProgressReporter implements Callback {
    private final PrintWriter out;
    private final Path log;
    private final long total;
    private final boolean terminal;
    private final String title;
    private final StringBuilder logText = new StringBuilder();
    private long nextMark;
    private long startNanos;
    private long startSteps;

    ProgressReporter(PrintWriter out, Path log, long total, boolean terminal, String title) {
        this.out = out;
        this.log = log;
        this.total = total;
        this.terminal = terminal;
        this.title = title;
    }

    void start(Path dir) {
        startNanos = System.nanoTime();
        nextMark = Math.max(1, total / 10);
        line("training " + title + " for " + total + " timesteps into " + dir, true);
    }

    /** Continues a resumed run's log (its earlier lines kept) from {@code steps} timesteps. */
    void resume(Path dir, String earlierLog, long steps) {
        logText.append(earlierLog);
        startNanos = System.nanoTime();
        startSteps = steps;
        long mark = Math.max(1, total / 10);
        nextMark = (steps / mark + 1) * mark;
        line("resuming " + title + " at " + steps + " of " + total + " timesteps in " + dir, true);
    }

    /** Prints and logs one line. */
    void note(String text) {
        if (terminal) {
            out.println();
        }
        line(text, true);
    }

    @Override
    public boolean afterUpdate(Trainer trainer, Map<String, Double> m) {
        long steps = trainer.timesteps();
        double secs = (System.nanoTime() - startNanos) * 1e-9;
        double fps = (steps - startSteps) / Math.max(secs, 1e-9);
        double eta = Math.max(0, total - steps) / Math.max(fps, 1e-9);
        String status = String.format(Locale.ROOT, "%,d/%,d steps (%3.0f%%)  %,.0f fps  ETA %s  ep_rew_mean %s%s",
                steps, total, 100.0 * Math.min(steps, total) / total, fps, duration(eta),
                number(m.get(MetricKeys.EP_REW_MEAN)),
                m.containsKey(MetricKeys.EP_COST_MEAN) ? "  ep_cost_mean " + number(m.get(MetricKeys.EP_COST_MEAN)) : "");
        if (terminal) {
            out.print("\r" + bar(steps) + " " + status + "   ");
            out.flush();
        }
        if (steps >= nextMark || steps >= total) {
            while (nextMark <= steps) {
                nextMark += Math.max(1, total / 10);
            }
            line(status, !terminal);
        }
        return true;
    }

    void finish(String summary) {
        if (terminal) {
            out.println();
        }
        line(summary, true);
    }

    private void line(String text, boolean print) {
        if (print) {
            out.println(text);
            out.flush();
        }
        logText.append(text).append('\n');
        AtomicFiles.writeString(log, logText.toString());
    }

    private String bar(long steps) {
        int width = 24;
        int filled = (int) Math.min(width, width * steps / Math.max(1, total));
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    private static String number(Double x) {
        return x == null || x.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }

    private static String duration(double secs) {
        long s = Math.round(secs);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
