package org.npg4j.bench;

import java.util.SplittableRandom;
import org.npg4j.env.Env;
import org.npg4j.env.LunarLander;
import org.npg4j.env.LunarLanderHeuristic;
import org.npg4j.env.StepResult;

/**
 * The behavioural figures of LunarLander: mean and standard deviation of the episode return of Gymnasium's
 * heuristic controller and of a uniform random policy over seeded episodes (seeds 0..n-1, default 100), on both
 * variants. Gymnasium's reference: the heuristic scores ≥ 200 on average, a random policy about -180 ± 120.
 */
public final class LunarLanderScores {
    private LunarLanderScores() {
    }

    public static void main(String[] args) {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        for (boolean continuous : new boolean[] {false, true}) {
            for (boolean heuristic : new boolean[] {true, false}) {
                report(new LunarLander(continuous), heuristic, episodes);
            }
        }
    }

    private static void report(Env env, boolean heuristic, int episodes) {
        SplittableRandom rng = new SplittableRandom(12345);
        double[] action = new double[2];
        double sum = 0;
        double sumSq = 0;
        int landed = 0;
        int crashed = 0;
        int truncated = 0;
        long steps = 0;
        long start = System.nanoTime();
        for (int ep = 0; ep < episodes; ep++) {
            StepResult r = env.reset(ep);
            double total = 0;
            while (!r.done()) {
                if (env.actionSpace().dim() == 2) {
                    if (heuristic) {
                        LunarLanderHeuristic.continuousAction(r.observation(), action);
                    } else {
                        env.actionSpace().sample(rng, action);
                    }
                    r = env.step(action);
                } else {
                    r = env.step(heuristic ? LunarLanderHeuristic.discreteAction(r.observation()) : rng.nextInt(4));
                }
                total += r.reward();
                steps++;
            }
            if (r.truncated()) {
                truncated++;
            } else if (r.reward() > 0) {
                landed++;
            } else {
                crashed++;
            }
            sum += total;
            sumSq += total * total;
        }
        double mean = sum / episodes;
        double std = Math.sqrt(Math.max(0.0, sumSq / episodes - mean * mean));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-26s %-9s episodes %d: mean %7.1f std %6.1f | landed %d crashed %d truncated %d | "
                + "%d steps, %.0f steps/s%n", env.id(), heuristic ? "heuristic" : "random", episodes, mean, std,
                landed, crashed, truncated, steps, steps / seconds);
    }
}
