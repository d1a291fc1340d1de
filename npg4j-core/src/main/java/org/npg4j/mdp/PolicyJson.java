package org.npg4j.mdp;

import java.nio.file.Path;
import java.util.Set;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.JsonInput;

/**
 * The policy file format: {@code {"policy": [[π(a_0|s_0), π(a_1|s_0), ...], ...]}}, rows are states. The output of
 * {@code npg4j mdp solve --json} is accepted too: its {@code "policy"} field is read and its documented other fields
 * ({@link #SOLVE_KEYS}) are ignored; any other key is refused.
 */
public final class PolicyJson {
    /** The top-level keys of {@code mdp solve --json} besides {@code "policy"}, accepted and ignored. */
    public static final Set<String> SOLVE_KEYS = Set.of("value_rho", "expected_return", "V", "method", "seconds",
            "tau", "costs");

    private PolicyJson() {
    }

    /** Reads a policy file. */
    public static TabularPolicy read(Path file) {
        return from(JsonInput.read(file));
    }

    /** Reads a policy file and checks it fits the MDP. */
    public static TabularPolicy read(Path file, FiniteMdp mdp) {
        TabularPolicy p = read(file);
        if (p.states() != mdp.states() || p.actions() != mdp.actions()) {
            throw new IllegalArgumentException(file + ": policy is " + p.states() + "x" + p.actions()
                    + " but the MDP has " + mdp.states() + " states and " + mdp.actions() + " actions");
        }
        return p;
    }

    public static TabularPolicy parse(String json, String source) {
        return from(JsonInput.parse(json, source));
    }

    private static TabularPolicy from(JsonInput.Node root) {
        root.object();
        Set<String> keys = new java.util.HashSet<>(SOLVE_KEYS);
        keys.add("policy");
        root.onlyKeys(keys);
        JsonInput.Node rows = root.get("policy");
        int S = rows.arrayLength(-1, "states");
        if (S == 0) {
            throw rows.error("policy has no states");
        }
        int A = rows.at(0).arrayLength(-1, "actions");
        if (A == 0) {
            throw rows.at(0).error("policy has no actions");
        }
        double[] flat = new double[S * A];
        for (int s = 0; s < S; s++) {
            JsonInput.Node row = rows.at(s);
            row.arrayLength(A, "actions");
            double sum = 0;
            for (int a = 0; a < A; a++) {
                JsonInput.Node e = row.at(a);
                double p = e.number();
                if (!Double.isFinite(p) || p < 0) {
                    throw e.error("pi(a=" + a + "|s=" + s + ") = " + p + " must be finite and non-negative");
                }
                flat[s * A + a] = p;
                sum += p;
            }
            if (Math.abs(sum - 1) > FiniteMdp.SUM_TOLERANCE) {
                throw row.error("pi(.|s=" + s + ") sums to " + sum + ", expected 1");
            }
        }
        return TabularPolicy.ofFlat(S, A, flat);
    }

    /** The policy as JSON text, one line per state. */
    public static String toJson(TabularPolicy policy) {
        StringBuilder sb = new StringBuilder("{\"policy\": [\n");
        for (int s = 0; s < policy.states(); s++) {
            sb.append("  [");
            for (int a = 0; a < policy.actions(); a++) {
                sb.append(a > 0 ? ", " : "").append(MdpJson.num(policy.probability(s, a)));
            }
            sb.append(s < policy.states() - 1 ? "],\n" : "]\n");
        }
        return sb.append("]}\n").toString();
    }

    /** Writes the policy atomically. */
    public static void write(TabularPolicy policy, Path file) {
        AtomicFiles.writeString(file, toJson(policy));
    }
}
