package org.npg4j.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.npg4j.math.StateMap;

/**
 * The checks of {@link Envs#check}: the {@link Env} contract exercised with seeded random actions, after the
 * example of Stable-Baselines3's {@code check_env} and Gymnasium's {@code env_checker}. Each check is one method; the
 * first problem found is recorded as one line and ends the checking, so that one fault gives one message.
 * Exceptions thrown by the env are problems too, reported with the check that was running.
 */
final class EnvChecker {
    /** Steps of the random-action rollout that checks the step contract. */
    static final int ROLLOUT_STEPS = 2000;
    /** Steps compared between two rollouts of the same seed and actions. */
    private static final int DETERMINISM_STEPS = 300;
    private static final long SEED = 12345;
    /**
     * The largest relative difference of a restored step taken as an approximate restore (a note, not a problem):
     * solver caches missing from a checkpoint give differences of 1e-7 to 1e-5 (LunarLander), a missing state
     * variable usually one of order 1e-2 or more.
     */
    private static final double APPROXIMATE_RESTORE = 1e-3;

    private final Env env;
    private final String id;
    private final List<String> passed = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Space obsSpace;
    private Space actSpace;
    private final SplittableRandom actions = new SplittableRandom(SEED);

    private EnvChecker(Env env) {
        this.env = env;
        String name;
        try {
            name = env.id();
        } catch (RuntimeException e) {
            name = null;
        }
        this.id = name == null || name.isBlank() ? env.getClass().getSimpleName() : name;
    }

    static EnvCheck check(Env env) {
        EnvChecker c = new EnvChecker(env);
        // The checks stop at the first problem: later checks would mostly report its consequences.
        boolean ok = c.run("spaces", c::spaces) && c.run("reset", c::reset) && c.run("step", c::step)
                && c.run("invalid actions", c::invalidActions) && c.run("determinism", c::determinism)
                && c.run("state round trip", c::stateRoundTrip)
                && c.run("checkpoint round trip", c::checkpointRoundTrip);
        assert ok == c.problems.isEmpty();
        return new EnvCheck(c.id, c.passed, c.problems, c.notes);
    }

    /** A check: returns null when passed, or the problem. */
    private interface Check {
        String run();
    }

    private boolean run(String name, Check check) {
        String problem;
        try {
            problem = check.run();
        } catch (RuntimeException e) {
            problem = name + ": the env threw " + e.getClass().getSimpleName() + ": " + oneLine(e);
        }
        if (problem == null) {
            passed.add(name);
            return true;
        }
        problems.add(id + ": " + problem);
        return false;
    }

    private String spaces() {
        obsSpace = env.observationSpace();
        actSpace = env.actionSpace();
        if (obsSpace == null) {
            return "observationSpace() is null; return a Box or a Discrete";
        }
        if (actSpace == null) {
            return "actionSpace() is null; return a Box or a Discrete";
        }
        if (env.maxEpisodeSteps() < 0) {
            return "maxEpisodeSteps() is " + env.maxEpisodeSteps() + "; return the time limit, or 0 for none";
        }
        if (env.costCount() < 0) {
            return "costCount() is " + env.costCount() + "; return the number of costs per step, 0 for none";
        }
        if (actSpace instanceof Box box) {
            boolean unbounded = false;
            boolean unit = true;
            for (int i = 0; i < box.dim(); i++) {
                unbounded |= Double.isInfinite(box.low(i)) || Double.isInfinite(box.high(i));
                unit &= box.low(i) == -1.0 && box.high(i) == 1.0;
            }
            if (unbounded) {
                notes.add(id + ": the action space " + box + " is unbounded; Gaussian policies then act anywhere, "
                        + "bound it if the env clips");
            } else if (!unit) {
                notes.add(id + ": the action space " + box + " is not [-1, 1]; Gaussian policies start at N(0, 1), "
                        + "RescaleAction maps [-1, 1] onto it");
            }
        }
        return null;
    }

    private String reset() {
        StepResult r = env.reset(SEED);
        if (r == null) {
            return "reset(seed) returned null; return the env's StepResult";
        }
        String bad = observationProblem("reset(seed)", r);
        if (bad != null) {
            return bad;
        }
        if (r.reward() != 0.0 || r.terminated() || r.truncated()) {
            return "reset(seed) returned reward " + r.reward() + ", terminated " + r.terminated() + ", truncated "
                    + r.truncated() + "; a reset result has reward 0 and both flags false (StepResult.clear())";
        }
        if (env.elapsedSteps() != 0) {
            return "elapsedSteps() is " + env.elapsedSteps() + " after reset; it must restart at 0";
        }
        return null;
    }

    /**
     * Random actions for {@link #ROLLOUT_STEPS} steps: observations in their space, finite rewards and costs, the
     * step counter, truncation exactly at the time limit, and a refused step after an episode's end.
     */
    private String step() {
        StepResult r = env.reset(SEED);
        int limit = env.maxEpisodeSteps();
        int episodeSteps = 0;
        boolean sawEnd = false;
        for (int t = 0; t < ROLLOUT_STEPS; t++) {
            String call = "step " + (episodeSteps + 1) + " of an episode";
            r = act(env);
            episodeSteps++;
            if (r == null) {
                return call + " returned null; return the env's StepResult";
            }
            String bad = observationProblem(call, r);
            if (bad != null) {
                return bad;
            }
            if (!Double.isFinite(r.reward())) {
                return call + " returned reward " + r.reward() + "; rewards must be finite";
            }
            for (int c = 0; c < r.costs().length; c++) {
                if (!Double.isFinite(r.costs()[c])) {
                    return call + " returned cost[" + c + "] = " + r.costs()[c] + "; costs must be finite";
                }
            }
            if (env.elapsedSteps() != episodeSteps) {
                return "elapsedSteps() is " + env.elapsedSteps() + " after " + episodeSteps + " steps of an episode; "
                        + "count the steps since reset";
            }
            if (limit > 0 && episodeSteps == limit && !r.truncated()) {
                return call + " reached max_episode_steps = " + limit + " but truncated is false; set truncated at "
                        + "the time limit (AbstractEnv does), even when the episode also terminates";
            }
            if (limit > 0 && r.truncated() && episodeSteps < limit && notes.stream().noneMatch(n -> n.contains(
                    "truncated before"))) {
                notes.add(id + ": an episode was truncated before max_episode_steps = " + limit + " (step "
                        + episodeSteps + "); truncation is for time limits, a terminal state sets terminated");
            }
            if (r.done()) {
                if (!sawEnd) {
                    sawEnd = true;
                    String refused = refusesStepAfterEnd();
                    if (refused != null) {
                        return refused;
                    }
                }
                episodeSteps = 0;
                r = env.reset();
                bad = observationProblem("reset()", r);
                if (bad != null) {
                    return bad;
                }
            }
        }
        if (!sawEnd && limit == 0) {
            notes.add(id + ": no episode ended in " + ROLLOUT_STEPS + " random steps and there is no time limit; "
                    + "give the env a max_episode_steps so that training episodes end");
        }
        return null;
    }

    private String refusesStepAfterEnd() {
        try {
            act(env);
        } catch (IllegalStateException e) {
            return null;
        }
        return "step after the episode ended did not throw IllegalStateException; refuse steps until reset "
                + "(AbstractEnv does)";
    }

    /** Out-of-space actions are refused with an IllegalArgumentException (Env's contract). */
    private String invalidActions() {
        env.reset(SEED);
        if (actSpace instanceof Discrete d) {
            for (int a : new int[] {-1, d.n()}) {
                if (!refusesAction(() -> env.step(a))) {
                    return "step(" + a + ") on " + d + " did not throw IllegalArgumentException; refuse actions "
                            + "outside the space";
                }
            }
            if (!refusesAction(() -> env.step(new double[] {0.0}))) {
                return "step(double[]) on discrete actions did not throw IllegalArgumentException";
            }
        } else {
            int k = actSpace.dim();
            double[] nan = new double[k];
            Arrays.fill(nan, Double.NaN);
            if (!refusesAction(() -> env.step(nan))) {
                return "step(NaN action) did not throw IllegalArgumentException; refuse non-finite actions";
            }
            if (!refusesAction(() -> env.step(new double[k + 1]))) {
                return "step(action of length " + (k + 1) + ") did not throw IllegalArgumentException; refuse "
                        + "actions of the wrong length";
            }
            if (!refusesAction(() -> env.step(0))) {
                return "step(int) on continuous actions did not throw IllegalArgumentException";
            }
        }
        return null;
    }

    private static boolean refusesAction(Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            return true;
        }
        return false;
    }

    /** Two rollouts of the same seed and actions agree bit for bit; different seeds are noted when they do too. */
    private String determinism() {
        long actionSeed = new SplittableRandom(SEED + 1).nextLong();
        List<StepResult> a = rollout(SEED, actionSeed);
        List<StepResult> b = rollout(SEED, actionSeed);
        for (int t = 0; t < Math.min(a.size(), b.size()); t++) {
            String diff = difference(a.get(t), b.get(t));
            if (diff != null) {
                return "two episodes reset with seed " + SEED + " and stepped with the same actions differ at "
                        + (t == 0 ? "the reset" : "step " + t) + " (" + diff + "); draw all randomness from the "
                        + "generator reset(seed) seeds (AbstractEnv.rng), not Math.random or a new Random, and carry "
                        + "nothing over between episodes (check an env without running statistics such as "
                        + "NormalizeObservation's)";
            }
        }
        if (a.size() != b.size()) {
            return "two episodes with the same seed and actions have " + (a.size() - 1) + " and " + (b.size() - 1)
                    + " steps; draw all randomness from the generator reset(seed) seeds";
        }
        boolean allSame = true;
        double[] first = env.reset(1).observation().clone();
        for (long s = 2; s <= 5; s++) {
            allSame &= Arrays.equals(first, env.reset(s).observation());
        }
        if (allSame) {
            notes.add(id + ": seeds 1 to 5 give the same first observation; fine if the initial state is fixed, "
                    + "otherwise reset(seed) ignores its seed");
        }
        return null;
    }

    /** The reset and step results of one episode (at most DETERMINISM_STEPS steps), as copies. */
    private List<StepResult> rollout(long seed, long actionSeed) {
        SplittableRandom rng = new SplittableRandom(actionSeed);
        List<StepResult> out = new ArrayList<>();
        StepResult r = env.reset(seed);
        out.add(r.copy());
        for (int t = 0; t < DETERMINISM_STEPS && !r.done(); t++) {
            r = act(env, rng);
            out.add(r.copy());
        }
        return out;
    }

    /** {@code setState(state())} shows the same observation and state; optional (UnsupportedOperationException). */
    private String stateRoundTrip() {
        StepResult r = runningEpisode();
        if (r == null) {
            return null;
        }
        double[] s;
        try {
            s = env.state();
        } catch (UnsupportedOperationException e) {
            notes.add(id + ": state()/setState are not supported (optional; golden tests and tools use them)");
            return null;
        }
        double[] obs = r.observation().clone();
        int elapsed = env.elapsedSteps();
        StepResult back = env.setState(s, elapsed);
        if (!Arrays.equals(obs, back.observation())) {
            return "setState(state()) shows observation " + Arrays.toString(back.observation()) + ", the env showed "
                    + Arrays.toString(obs) + "; state() must hold everything the observation is computed from";
        }
        if (!Arrays.equals(s, env.state())) {
            return "state() after setState(s) is " + Arrays.toString(env.state()) + ", not s = "
                    + Arrays.toString(s) + "; writeState and readState must be inverses";
        }
        if (env.elapsedSteps() != elapsed) {
            return "elapsedSteps() after setState(s, " + elapsed + ") is " + env.elapsedSteps();
        }
        return null;
    }

    /** After readCheckpoint the env repeats exactly what it did after writeCheckpoint; optional. */
    private String checkpointRoundTrip() {
        if (runningEpisode() == null) {
            return null;
        }
        StateMap saved = new StateMap();
        try {
            env.writeCheckpoint(saved);
        } catch (UnsupportedOperationException e) {
            notes.add(id + ": checkpoints are not supported (optional; train --resume needs them)");
            return null;
        }
        long actionSeed = new SplittableRandom(SEED + 2).nextLong();
        List<StepResult> first = continueEpisode(actionSeed);
        env.readCheckpoint(saved);
        List<StepResult> second = continueEpisode(actionSeed);
        for (int t = 0; t < Math.min(first.size(), second.size()); t++) {
            String diff = difference(first.get(t), second.get(t));
            if (diff != null) {
                double gap = relativeGap(first.get(t), second.get(t));
                if (gap <= APPROXIMATE_RESTORE) {
                    // A physics engine in float32 whose solver caches (e.g. Box2D's warm-start impulses) are not in
                    // the checkpoint continues close to, not exactly on, the saved trajectory.
                    notes.add(String.format(Locale.ROOT, "%s: checkpoints restore an episode approximately (step %d "
                            + "after readCheckpoint differs by %.1e relative): resumed runs are close to, not bit for "
                            + "bit, uninterrupted ones", id, t + 1, gap));
                    return null;
                }
                return "after readCheckpoint, step " + (t + 1) + " differs from the same step after "
                        + "writeCheckpoint (" + diff + "); write everything step reads, the generator included";
            }
        }
        if (first.size() != second.size()) {
            return "after readCheckpoint the episode lasts " + second.size() + " steps, not " + first.size();
        }
        return null;
    }

    /** Resets and takes up to 5 random steps, restarting while the episode ends; null if none stays running. */
    private StepResult runningEpisode() {
        for (int attempt = 0; attempt < 20; attempt++) {
            StepResult r = env.reset(SEED + attempt);
            for (int t = 0; t < 5 && !r.done(); t++) {
                r = act(env);
            }
            if (!r.done()) {
                return r;
            }
        }
        return null;
    }

    private List<StepResult> continueEpisode(long actionSeed) {
        SplittableRandom rng = new SplittableRandom(actionSeed);
        List<StepResult> out = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            StepResult r = act(env, rng);
            out.add(r.copy());
            if (r.done()) {
                break;
            }
        }
        return out;
    }

    /** The first difference between two results, or null when they are equal bit for bit. */
    private static String difference(StepResult a, StepResult b) {
        if (!Arrays.equals(a.observation(), b.observation())) {
            return "observation " + Arrays.toString(a.observation()) + " vs " + Arrays.toString(b.observation());
        }
        if (Double.compare(a.reward(), b.reward()) != 0) {
            return "reward " + a.reward() + " vs " + b.reward();
        }
        if (!Arrays.equals(a.costs(), b.costs())) {
            return "costs " + Arrays.toString(a.costs()) + " vs " + Arrays.toString(b.costs());
        }
        if (a.terminated() != b.terminated() || a.truncated() != b.truncated()) {
            return "terminated/truncated " + a.terminated() + "/" + a.truncated() + " vs " + b.terminated() + "/"
                    + b.truncated();
        }
        return null;
    }

    /**
     * max_i |a_i - b_i| / max(1, |a_i|) over observations, reward and costs, or infinity when the flags differ.
     */
    private static double relativeGap(StepResult a, StepResult b) {
        if (a.terminated() != b.terminated() || a.truncated() != b.truncated()) {
            return Double.POSITIVE_INFINITY;
        }
        double gap = gap(a.reward(), b.reward());
        for (int i = 0; i < a.observation().length; i++) {
            gap = Math.max(gap, gap(a.observation()[i], b.observation()[i]));
        }
        for (int i = 0; i < a.costs().length; i++) {
            gap = Math.max(gap, gap(a.costs()[i], b.costs()[i]));
        }
        return gap;
    }

    private static double gap(double a, double b) {
        double g = Math.abs(a - b) / Math.max(1.0, Math.abs(a));
        return Double.isNaN(g) ? Double.POSITIVE_INFINITY : g;
    }

    private StepResult act(Env e) {
        return act(e, actions);
    }

    private StepResult act(Env e, SplittableRandom rng) {
        if (actSpace instanceof Discrete d) {
            return e.step(d.sample(rng));
        }
        double[] a = new double[actSpace.dim()];
        actSpace.sample(rng, a);
        return e.step(a);
    }

    /** A problem with the observation or costs buffer of a result, or null. */
    private String observationProblem(String call, StepResult r) {
        double[] obs = r.observation();
        if (obs == null || obs.length != obsSpace.dim()) {
            return call + " returned an observation of " + (obs == null ? "null" : obs.length + " entries")
                    + ", the observation space " + obsSpace + " has " + obsSpace.dim()
                    + "; size the StepResult with observationSpace().dim()";
        }
        if (r.costs().length != env.costCount()) {
            return call + " returned " + r.costs().length + " costs, costCount() is " + env.costCount();
        }
        if (!obsSpace.contains(obs)) {
            if (obsSpace instanceof Box box) {
                for (int i = 0; i < obs.length; i++) {
                    if (!(obs[i] >= box.low(i) && obs[i] <= box.high(i))) {
                        return String.format(Locale.ROOT, "%s returned observation[%d] = %s outside [%s, %s] of the "
                                + "observation space; widen the Box or clip the observation", call, i, obs[i],
                                box.low(i), box.high(i));
                    }
                }
            }
            return call + " returned observation " + obs[0] + ", not in " + obsSpace + "; discrete observations are "
                    + "integers in [0, n)";
        }
        return null;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? "(no message)" : m.replace('\n', ' ').replace('\r', ' ');
    }
}
