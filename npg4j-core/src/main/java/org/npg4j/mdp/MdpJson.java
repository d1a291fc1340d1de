package org.npg4j.mdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.JsonInput;

/**
 * The MDP file format {@code npg4j-mdp/1} (documented in {@code docs/mdp-format.md}):
 * <pre>
 * {"format": "npg4j-mdp/1", "gamma": 0.9, "states": 3, "actions": 2,
 *  "initial": [1, 0, 0],
 *  "transitions": [[ [[1, 0.5], [2, 0.5]], [[0, 1.0]] ], ...],   // [s][a] -> list of [s', p]
 *  "rewards": [[1, 0], [3, 2], [0, 0]],                            // [s][a]
 *  "costs": [{"name": "hazard", "values": [[0, 1], ...], "limit": 0.2}],   // optional
 *  "state_names": [...], "action_names": [...]}                    // optional
 * </pre>
 * {@code states}/{@code actions} may be lists of names instead of counts. Every error names the source, the JSON
 * path and the problem in one line. Writing is atomic and lossless (doubles in round-trip form).
 */
public final class MdpJson {
    /** The format tag this version reads and writes. */
    public static final String FORMAT = "npg4j-mdp/1";
    private static final Set<String> KEYS = Set.of("format", "gamma", "states", "actions", "initial", "transitions",
            "rewards", "costs", "state_names", "action_names");
    private static final Set<String> COST_KEYS = Set.of("name", "values", "limit");

    private MdpJson() {
    }

    /** Reads an MDP file. */
    public static FiniteMdp read(Path file) {
        return from(JsonInput.read(file));
    }

    /** Parses MDP JSON text; {@code source} names it in error messages. */
    public static FiniteMdp parse(String json, String source) {
        return from(JsonInput.parse(json, source));
    }

    private static FiniteMdp from(JsonInput.Node root) {
        root.object();
        root.onlyKeys(KEYS);
        JsonInput.Node format = root.get("format");
        if (!format.json().isTextual() || !FORMAT.equals(format.json().textValue())) {
            throw format.error("expected \"" + FORMAT + "\", found " + format.json());
        }
        JsonInput.Node gammaNode = root.get("gamma");
        double gamma = gammaNode.number();
        if (!(gamma >= 0 && gamma < 1)) {
            throw gammaNode.error(gamma + " must be in [0, 1)");
        }
        List<String> stateNames = new ArrayList<>();
        int S = countOrNames(root.get("states"), stateNames, "states");
        List<String> actionNames = new ArrayList<>();
        int A = countOrNames(root.get("actions"), actionNames, "actions");
        if (root.has("state_names")) {
            if (!stateNames.isEmpty()) {
                throw root.get("state_names").error("state names given twice (in \"states\" and \"state_names\")");
            }
            names(root.get("state_names"), S, stateNames, "state names");
        }
        if (root.has("action_names")) {
            if (!actionNames.isEmpty()) {
                throw root.get("action_names").error("action names given twice (in \"actions\" and \"action_names\")");
            }
            names(root.get("action_names"), A, actionNames, "action names");
        }
        FiniteMdp.Builder b = FiniteMdp.builder(S, A).gamma(gamma);

        JsonInput.Node initial = root.get("initial");
        initial.arrayLength(S, "states");
        double[] rho = new double[S];
        double sum = 0;
        for (int s = 0; s < S; s++) {
            JsonInput.Node e = initial.at(s);
            rho[s] = e.number();
            if (!(rho[s] >= 0) || !Double.isFinite(rho[s])) {
                throw e.error("initial probability " + rho[s] + " must be finite and non-negative");
            }
            sum += rho[s];
        }
        if (Math.abs(sum - 1) > FiniteMdp.SUM_TOLERANCE) {
            throw initial.error("initial distribution sums to " + sum + ", expected 1");
        }
        b.initial(rho);

        JsonInput.Node transitions = root.get("transitions");
        transitions.arrayLength(S, "states");
        for (int s = 0; s < S; s++) {
            JsonInput.Node row = transitions.at(s);
            row.arrayLength(A, "actions");
            for (int a = 0; a < A; a++) {
                JsonInput.Node list = row.at(a);
                int n = list.arrayLength(-1, "[next state, probability] pairs");
                double total = 0;
                for (int k = 0; k < n; k++) {
                    JsonInput.Node pair = list.at(k);
                    pair.arrayLength(2, "entries ([next state, probability])");
                    JsonInput.Node nextNode = pair.at(0);
                    int next = nextNode.integer();
                    if (next < 0 || next >= S) {
                        throw nextNode.error("next state " + next + " out of range [0, " + S + ")");
                    }
                    JsonInput.Node pNode = pair.at(1);
                    double p = pNode.number();
                    if (!Double.isFinite(p)) {
                        throw pNode.error("P(s'=" + next + "|s=" + s + ",a=" + a + ") = " + p + " is not finite");
                    }
                    if (p < 0) {
                        throw pNode.error("P(s'=" + next + "|s=" + s + ",a=" + a + ") = " + p + " is negative");
                    }
                    total += p;
                    b.transition(s, a, next, p);
                }
                if (Math.abs(total - 1) > FiniteMdp.SUM_TOLERANCE) {
                    throw list.error("P(.|s=" + s + ",a=" + a + ") sums to " + total + ", expected 1");
                }
            }
        }
        double[][] r = matrix(root.get("rewards"), S, A, "reward");
        for (int s = 0; s < S; s++) {
            for (int a = 0; a < A; a++) {
                b.reward(s, a, r[s][a]);
            }
        }
        if (root.has("costs")) {
            JsonInput.Node costs = root.get("costs");
            int m = costs.arrayLength(-1, "costs");
            for (int i = 0; i < m; i++) {
                JsonInput.Node c = costs.at(i).object();
                c.onlyKeys(COST_KEYS);
                String name = c.get("name").text();
                double[][] values = matrix(c.get("values"), S, A, "cost");
                JsonInput.Node limitNode = c.get("limit");
                double limit = limitNode.number();
                if (!Double.isFinite(limit)) {
                    throw limitNode.error("cost limit " + limit + " is not finite");
                }
                b.cost(name, values, limit);
            }
        }
        if (!stateNames.isEmpty()) {
            b.stateNames(stateNames);
        }
        if (!actionNames.isEmpty()) {
            b.actionNames(actionNames);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw root.error(e.getMessage());
        }
    }

    private static int countOrNames(JsonInput.Node n, List<String> names, String what) {
        if (n.json().isArray()) {
            names(n, -1, names, what);
            if (names.isEmpty()) {
                throw n.error("at least one " + what.substring(0, what.length() - 1) + " is needed");
            }
            return names.size();
        }
        int count = n.integer();
        if (count < 1) {
            throw n.error(what + " must be at least 1, found " + count);
        }
        return count;
    }

    private static void names(JsonInput.Node n, int expected, List<String> out, String what) {
        int len = n.arrayLength(expected, what);
        for (int i = 0; i < len; i++) {
            out.add(n.at(i).text());
        }
    }

    private static double[][] matrix(JsonInput.Node n, int S, int A, String what) {
        n.arrayLength(S, "states");
        double[][] m = new double[S][A];
        for (int s = 0; s < S; s++) {
            JsonInput.Node row = n.at(s);
            row.arrayLength(A, "actions");
            for (int a = 0; a < A; a++) {
                JsonInput.Node e = row.at(a);
                double v = e.number();
                if (!Double.isFinite(v)) {
                    throw e.error(what + " " + v + " is not finite");
                }
                m[s][a] = v;
            }
        }
        return m;
    }

    /** Writes the MDP atomically. */
    public static void write(FiniteMdp mdp, Path file) {
        AtomicFiles.writeString(file, toJson(mdp));
    }

    /** The MDP as {@code npg4j-mdp/1} text: top-level keys on their own lines, one line per state. */
    public static String toJson(FiniteMdp mdp) {
        int S = mdp.states();
        int A = mdp.actions();
        StringBuilder sb = new StringBuilder(64 + 24 * mdp.transitionEntries());
        sb.append("{\"format\": ").append(quote(FORMAT)).append(",\n");
        sb.append(" \"gamma\": ").append(num(mdp.gamma())).append(",\n");
        sb.append(" \"states\": ").append(S).append(",\n");
        sb.append(" \"actions\": ").append(A).append(",\n");
        sb.append(" \"initial\": [");
        for (int s = 0; s < S; s++) {
            sb.append(s > 0 ? ", " : "").append(num(mdp.initial(s)));
        }
        sb.append("],\n \"transitions\": [\n");
        for (int s = 0; s < S; s++) {
            sb.append("  [");
            for (int a = 0; a < A; a++) {
                sb.append(a > 0 ? ", [" : "[");
                int sa = mdp.pair(s, a);
                for (int k = mdp.rowStart(sa); k < mdp.rowStart(sa + 1); k++) {
                    sb.append(k > mdp.rowStart(sa) ? ", [" : "[").append(mdp.successor(k)).append(", ")
                            .append(num(mdp.probability(k))).append(']');
                }
                sb.append(']');
            }
            sb.append(s < S - 1 ? "],\n" : "]\n");
        }
        sb.append(" ],\n \"rewards\": ");
        appendMatrix(sb, mdp.rewards(), S, A);
        if (mdp.isConstrained()) {
            sb.append(",\n \"costs\": [\n");
            for (int i = 0; i < mdp.costCount(); i++) {
                FiniteMdp.Cost c = mdp.cost(i);
                sb.append("  {\"name\": ").append(quote(c.name())).append(", \"limit\": ").append(num(c.limit()))
                        .append(", \"values\": ");
                appendMatrix(sb, c.values(), S, A);
                sb.append(i < mdp.costCount() - 1 ? "},\n" : "}\n");
            }
            sb.append(" ]");
        }
        if (!mdp.stateNames().isEmpty()) {
            sb.append(",\n \"state_names\": ").append(names(mdp.stateNames()));
        }
        if (!mdp.actionNames().isEmpty()) {
            sb.append(",\n \"action_names\": ").append(names(mdp.actionNames()));
        }
        return sb.append("\n}\n").toString();
    }

    private static void appendMatrix(StringBuilder sb, double[] flat, int S, int A) {
        sb.append('[');
        for (int s = 0; s < S; s++) {
            sb.append(s > 0 ? ", [" : "[");
            for (int a = 0; a < A; a++) {
                sb.append(a > 0 ? ", " : "").append(num(flat[s * A + a]));
            }
            sb.append(']');
        }
        sb.append(']');
    }

    private static String names(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(quote(names.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A double in a form that parses back to the same bits (integers without a fraction). */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String quote(String s) {
        try {
            return JsonInput.mapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
