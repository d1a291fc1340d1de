package org.npg4j.mdp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.npg4j.util.Suggestions;

/**
 * MDPs named on a command line: a file path (read with {@link MdpJson}) or a generator spec
 * {@code name[:key=value,key=value...]}:
 * <pre>
 *   garnet:states=100,actions=4,branching=5,seed=0[,gamma=0.9][,rewards=uniform|normal|sparse][,optimal=1]
 *   constrained-garnet:states=20,actions=4,branching=3,seed=0[,gamma=0.9][,cost_correlation=0.5][,cost_limit=0.5]
 *   chain:H=10
 *   tree[:r=1][,gamma=0.9]
 *   gridworld[:layout=S..#/.HTG][,slip=0.1][,gamma=0.95][,hazards=true][,limit=0.1]
 *   two-state
 *   two-state-cmdp
 * </pre>
 * (In a gridworld layout on the command line, rows are separated by '/'.)
 */
public final class MdpSpecs {
    private static final Map<String, String> GENERATORS = new LinkedHashMap<>();
    private static final Map<String, Set<String>> KEYS = Map.of(
            "garnet", Set.of("states", "actions", "branching", "seed", "gamma", "rewards", "optimal"),
            "constrained-garnet", Set.of("states", "actions", "branching", "seed", "gamma", "cost_correlation",
                    "cost_limit"),
            "chain", Set.of("H"),
            "tree", Set.of("r", "gamma"),
            "gridworld", Set.of("layout", "slip", "gamma", "hazards", "limit"),
            "two-state", Set.of(),
            "two-state-cmdp", Set.of());

    static {
        GENERATORS.put("garnet", "random Garnet MDP: states, actions, branching, seed[, gamma=0.9, rewards=uniform, "
                + "optimal=1 (optimal actions per state, tied by moving rewards)]");
        GENERATORS.put("constrained-garnet", "Garnet with a cost c = w r + (1-w) u (a CMDP): states, actions, branching,"
                + " seed[, gamma=0.9, cost_correlation=0.5, cost_limit=0.5]");
        GENERATORS.put("chain", "chain of the vanishing-gradient proposition: H (H+2 states, gamma = H/(H+1))");
        GENERATORS.put("tree", "two-decision tree of the non-concavity lemma: r=1, gamma=0.9");
        GENERATORS.put("gridworld", "5x5 gridworld with walls, trap and goal: layout, slip=0.1, gamma=0.95, hazards=false, limit=0.1");
        GENERATORS.put("two-state", "two states, two actions: the square/polytope pictures example");
        GENERATORS.put("two-state-cmdp", "the two-state example with its cost (limit 0.2): the toy CMDP");
    }

    private MdpSpecs() {
    }

    /** Generator names with a one-line description each. */
    public static Map<String, String> describe() {
        return java.util.Collections.unmodifiableMap(GENERATORS);
    }

    /** The MDP a spec or file names. */
    public static FiniteMdp parse(String spec) {
        String trimmed = spec.trim();
        Path asFile = Path.of(trimmed);
        if (trimmed.endsWith(".json") || Files.isRegularFile(asFile)) {
            return MdpJson.read(asFile);
        }
        int colon = trimmed.indexOf(':');
        String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (!GENERATORS.containsKey(name)) {
            throw new IllegalArgumentException(Suggestions.unknown("MDP generator", name, GENERATORS.keySet())
                    + "; known: " + String.join(", ", GENERATORS.keySet()) + " (or a .json file)");
        }
        Params p = new Params(name, colon < 0 ? "" : trimmed.substring(colon + 1));
        return switch (name) {
            case "garnet" -> tied(new Garnet(p.integer("states", null), p.integer("actions", null),
                    p.integer("branching", null), p.real("gamma", 0.9), rewards(p), p.integer("seed", 0)).generate(),
                    p.integer("optimal", 1), p.integer("seed", 0));
            case "constrained-garnet" -> new ConstrainedGarnet(p.integer("states", null), p.integer("actions", null),
                    p.integer("branching", null), p.real("gamma", 0.9), p.real("cost_correlation", 0.5),
                    p.real("cost_limit", 0.5), p.integer("seed", 0)).generate();
            case "chain" -> new ChainMdp(p.integer("H", null)).generate();
            case "tree" -> new TreeMdp(p.real("r", 1.0), p.real("gamma", 0.9)).generate();
            case "gridworld" -> Gridworld.of(p.text("layout", Gridworld.DEFAULT_LAYOUT))
                    .withSlip(p.real("slip", 0.1)).withGamma(p.real("gamma", 0.95))
                    .withHazards(p.bool("hazards", false), p.real("limit", 0.1)).generate();
            case "two-state" -> TwoStateMdp.unconstrained();
            case "two-state-cmdp" -> TwoStateMdp.constrained();
            default -> throw new IllegalStateException(name);
        };
    }

    private static FiniteMdp tied(FiniteMdp mdp, int optimal, long seed) {
        return optimal == 1 ? mdp : TiedOptima.tie(mdp, optimal, seed);
    }

    private static Garnet.RewardDistribution rewards(Params p) {
        String r = p.text("rewards", "uniform");
        try {
            return Garnet.RewardDistribution.valueOf(r.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("garnet: rewards '" + r + "' is not one of uniform, normal, sparse");
        }
    }

    /** The key=value pairs of one spec, checked against the generator's keys. */
    private static final class Params {
        private final String generator;
        private final Map<String, String> values = new LinkedHashMap<>();

        Params(String generator, String text) {
            this.generator = generator;
            Set<String> allowed = KEYS.get(generator);
            if (text.isBlank()) {
                return;
            }
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(generator + ": expected key=value, found '" + part.trim() + "'");
                }
                String key = part.substring(0, eq).trim();
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException(generator + ": " + Suggestions.unknown("key", key, allowed)
                            + "; valid keys: " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
                values.put(key, part.substring(eq + 1).trim());
            }
        }

        String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        int integer(String key, Integer fallback) {
            String v = values.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException(generator + ": missing key " + key);
                }
                return fallback;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(generator + ": " + key + "=" + v + " is not an integer");
            }
        }

        double real(String key, double fallback) {
            String v = values.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(generator + ": " + key + "=" + v + " is not a number");
            }
        }

        boolean bool(String key, boolean fallback) {
            String v = values.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(generator + ": " + key + "=" + v + " is not true or false");
            }
            return Boolean.parseBoolean(v);
        }
    }
}
