package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.npg4j.env.Env;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.util.JsonInput;

/**
 * The evaluation a run directory's eval.json holds ({@link RunDirectoryWriter#finish}, for {@code npg4j train} and
 * Spark sweeps alike) and {@code npg4j eval} prints: Monte-Carlo episodes of a
 * trained policy and, on an env with costs, the mean undiscounted episode cost of every constraint beside the return,
 * with its limit and whether it is met. Return and costs always come from the same episodes of the same policy.
 *
 * <p>Which policy. Acting with the mode of the action distribution (deterministic) and sampling from it (stochastic)
 * are two different policies, and they can differ a lot: the mode of a Gaussian policy that runs around
 * KinematicPointCircle-v0 by sampling can stand still. A constrained run therefore evaluates both, on the same reset seeds,
 * and takes the <em>stochastic</em> policy as its headline: the constraint J_c(π) ≤ b was trained for the policy whose
 * actions the rollouts sampled, so that is the policy whose cost the limit bounds; no term of the training objective
 * bounds the mode's cost. An unconstrained run keeps the deterministic evaluation (Stable-Baselines3's and the zoo's
 * convention). An explicit choice on the command line evaluates that policy only.
 */
public final class FinalEvaluation {
    /** Why the headline of a constrained run is the stochastic policy (written to eval.json). */
    public static final String CONSTRAINED_HEADLINE = "stochastic: the policy the constraint was trained for (training "
            + "samples its actions, so the cost limit bounds this policy's expected episode cost); the deterministic "
            + "mode is another policy, which no constraint bounds";
    /** Why the headline of an unconstrained run is the deterministic policy. */
    public static final String UNCONSTRAINED_HEADLINE = "deterministic: the mode of the trained policy (Stable-Baselines3's "
            + "evaluation convention)";
    /** The headline when the command line chose the policy. */
    public static final String CHOSEN_HEADLINE = "chosen on the command line";

    /** One evaluated policy: deterministic (the mode) or stochastic (sampled actions), and its episodes' figures. */
    public record Mode(boolean deterministic, EpisodeEvaluation.Result result) {
        public String policy() {
            return deterministic ? "deterministic" : "stochastic";
        }
    }

    private final String envId;
    private final String algorithm;
    private final long seed;
    private final int episodes;
    private final double[] limits;
    private final List<Mode> modes;
    private final String reason;

    private FinalEvaluation(String envId, String algorithm, long seed, int episodes, double[] limits, List<Mode> modes,
                            String reason) {
        this.envId = envId;
        this.algorithm = algorithm;
        this.seed = seed;
        this.episodes = episodes;
        this.limits = limits.clone();
        this.modes = List.copyOf(modes);
        this.reason = reason;
    }

    /**
     * Evaluates {@code policy} on {@code env} for {@code episodes} episodes (episode k reset with seed + k, for every
     * evaluated policy alike).
     *
     * @param limits        the per-episode cost limits of a constrained run, one per cost signal; empty when the run
     *                      has no constraints
     * @param deterministic the policy chosen on the command line, or null for the default: both with the stochastic
     *                      one as headline when there are limits, else the deterministic one
     */
    public static FinalEvaluation run(ActorCriticPolicy policy, Env env, String envId, String algorithm, int episodes,
                               long seed, double[] limits, Boolean deterministic) {
        if (limits.length > 0 && limits.length != env.costCount()) {
            throw new IllegalArgumentException(limits.length + " cost limits, but " + envId + " has "
                    + env.costCount() + (env.costCount() == 1 ? " cost signal" : " cost signals"));
        }
        List<Mode> modes = new ArrayList<>();
        String reason;
        if (deterministic != null) {
            modes.add(new Mode(deterministic, EpisodeEvaluation.evaluate(policy, env, episodes, deterministic, seed)));
            reason = CHOSEN_HEADLINE;
        } else if (limits.length > 0) {
            modes.add(new Mode(false, EpisodeEvaluation.evaluate(policy, env, episodes, false, seed)));
            modes.add(new Mode(true, EpisodeEvaluation.evaluate(policy, env, episodes, true, seed)));
            reason = CONSTRAINED_HEADLINE;
        } else {
            modes.add(new Mode(true, EpisodeEvaluation.evaluate(policy, env, episodes, true, seed)));
            reason = UNCONSTRAINED_HEADLINE;
        }
        return new FinalEvaluation(envId, algorithm, seed, episodes, limits, modes, reason);
    }

    /**
     * The cost limits of a run's configuration ({@code hyperparams.cost_limit}, or {@code cost_limit} at the top
     * level): one number for every cost signal, or a list with one per signal; empty when the configuration has none.
     *
     * @param source names the file in errors
     */
    public static double[] limitsOf(JsonNode config, int costCount, String source) {
        JsonNode n = config.path("hyperparams").path("cost_limit");
        if (n.isMissingNode()) {
            n = config.path("cost_limit");
        }
        if (n.isMissingNode() || n.isNull() || costCount == 0) {
            return new double[0];
        }
        if (n.isNumber()) {
            double[] all = new double[costCount];
            java.util.Arrays.fill(all, n.asDouble());
            return all;
        }
        if (!n.isArray() || n.size() != costCount) {
            throw new IllegalArgumentException(source + ": cost_limit must be a number or a list of " + costCount
                    + (costCount == 1 ? " number" : " numbers") + ", found " + n);
        }
        double[] limits = new double[costCount];
        for (int i = 0; i < costCount; i++) {
            if (!n.get(i).isNumber()) {
                throw new IllegalArgumentException(source + ": cost_limit[" + i + "] is not a number: " + n.get(i));
            }
            limits[i] = n.get(i).asDouble();
        }
        return limits;
    }

    /** The headline evaluation (first), then the others. */
    public List<Mode> modes() {
        return modes;
    }

    public Mode headline() {
        return modes.get(0);
    }

    public double[] limits() {
        return limits.clone();
    }

    /**
     * One line per evaluated policy, the headline first: "20 stochastic episodes: return 187.21 +/- 5.10, length
     * 200.0, cost 12.30 (limit 20: met)".
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Mode m : modes) {
            EpisodeEvaluation.Result r = m.result();
            out.add(String.format(Locale.ROOT, "%d %s episodes%s: return %.2f +/- %.2f, length %.1f%s", episodes,
                    m.policy(), modes.size() > 1 && m == headline() ? " (headline)" : "", r.meanReturn(),
                    r.stdReturn(), r.meanLength(), costText(r)));
        }
        return out;
    }

    /** ", cost 12.30 (limit 20: met)" per constraint; empty for an env without costs. */
    private String costText(EpisodeEvaluation.Result r) {
        double[] c = r.meanCosts();
        StringBuilder b = new StringBuilder();
        boolean[] met = limits.length > 0 ? r.meets(limits) : null;
        for (int i = 0; i < c.length; i++) {
            b.append(String.format(Locale.ROOT, ", cost%s %.2f", c.length == 1 ? "" : "[" + i + "]", c[i]));
            if (met != null) {
                b.append(" (limit ").append(number(limits[i])).append(": ").append(met[i] ? "met" : "VIOLATED")
                        .append(')');
            }
        }
        return b.toString();
    }

    /** eval.json: the headline's figures at the top level, every evaluated policy under {@code evaluations}. */
    public String json() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("env", envId);
        n.put("algorithm", algorithm);
        n.put("episodes", episodes);
        n.put("seed", seed);
        n.put("policy", headline().policy());
        n.put("policy_reason", reason);
        if (limits.length > 0) {
            ArrayNode l = n.putArray("cost_limits");
            for (double b : limits) {
                l.add(b);
            }
        }
        fields(n, headline());
        ArrayNode all = n.putArray("evaluations");
        for (Mode m : modes) {
            ObjectNode e = all.addObject();
            e.put("policy", m.policy());
            fields(e, m);
        }
        try {
            return JsonInput.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fields(ObjectNode n, Mode m) {
        EpisodeEvaluation.Result r = m.result();
        n.put("deterministic", m.deterministic());
        n.put("mean_return", r.meanReturn());
        n.put("std_return", r.stdReturn());
        n.put("mean_length", r.meanLength());
        if (r.meanCosts().length > 0) {
            ArrayNode costs = n.putArray("mean_costs");
            ArrayNode std = n.putArray("std_costs");
            ArrayNode episodes = n.putArray("episode_costs");
            for (int i = 0; i < r.meanCosts().length; i++) {
                costs.add(r.meanCosts()[i]);
                std.add(r.stdCost(i));
                ArrayNode each = episodes.addArray();
                for (double c : r.episodeCosts()[i]) {
                    each.add(c);
                }
            }
        }
        if (limits.length > 0) {
            ArrayNode met = n.putArray("constraints_met");
            for (boolean b : r.meets(limits)) {
                met.add(b);
            }
            n.put("all_constraints_met", r.meetsAll(limits));
        }
        ArrayNode returns = n.putArray("returns");
        for (double x : r.returns()) {
            returns.add(x);
        }
    }

    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
