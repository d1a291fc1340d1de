package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Envs#check}: every registered env passes; envs with one deliberate fault each get exactly one problem,
 * one line, naming the fault and the fix.
 */
class EnvCheckTest {
    @Test
    void everyRegisteredEnvPassesTheChecker() {
        List<String> failures = new ArrayList<>();
        for (String id : Envs.ids()) {
            try (Env env = Envs.make(id)) {
                EnvCheck c = Envs.check(env);
                failures.addAll(c.problems());
                assertTrue(c.passed().contains("determinism") || !c.ok(), id + " " + c.passed());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aCorrectCustomEnvPassesEveryCheck() {
        EnvCheck c = Envs.check(new Walk(Fault.NONE));
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("spaces", "reset", "step", "invalid actions", "determinism", "state round trip",
                "checkpoint round trip"), c.passed());
    }

    @Test
    void anObservationOutsideItsBoxIsNamedWithItsIndexAndBounds() {
        onlyProblem(new Walk(Fault.OBSERVATION_OUTSIDE_SPACE), "step", "observation[0] = ",
                "outside [-2.0, 2.0] of the observation space; widen the Box or clip the observation");
    }

    @Test
    void aNanRewardIsAProblem() {
        onlyProblem(new Walk(Fault.NAN_REWARD), "step", "returned reward NaN; rewards must be finite");
    }

    @Test
    void randomnessOutsideTheSeededGeneratorBreaksDeterminism() {
        onlyProblem(new Walk(Fault.UNSEEDED), "determinism", "two episodes reset with seed 12345",
                "not Math.random or a new Random");
    }

    @Test
    void aStateThatMissesPartOfTheObservationFailsTheRoundTrip() {
        onlyProblem(new Walk(Fault.INCOMPLETE_STATE), "state round trip", "setState(state()) shows observation",
                "state() must hold everything the observation is computed from");
    }

    @Test
    void aGeneratorMissingFromTheCheckpointFailsTheCheckpointRoundTrip() {
        onlyProblem(new Walk(Fault.OWN_GENERATOR), "checkpoint round trip", "after readCheckpoint, step ",
                "differs from the same step after writeCheckpoint", "the generator included");
    }

    @Test
    void anEpisodePastItsTimeLimitWithoutTruncationIsAProblem() {
        onlyProblem(new HandWritten(HandWritten.Fault.NO_TRUNCATION), "step",
                "step 20 of an episode reached max_episode_steps = 20 but truncated is false");
    }

    @Test
    void aStepAfterTheEndThatIsNotRefusedIsAProblem() {
        onlyProblem(new HandWritten(HandWritten.Fault.STEPS_AFTER_END), "step",
                "step after the episode ended did not throw IllegalStateException");
    }

    @Test
    void anObservationOfTheWrongLengthIsAProblem() {
        onlyProblem(new HandWritten(HandWritten.Fault.SHORT_OBSERVATION), "reset",
                "reset(seed) returned an observation of 1 entries, the observation space");
    }

    @Test
    void anActionOutsideTheSpaceThatIsNotRefusedIsAProblem() {
        onlyProblem(new HandWritten(HandWritten.Fault.ACCEPTS_ANY_ACTION), "invalid actions",
                "step(-1) on Discrete(2) did not throw IllegalArgumentException");
    }

    @Test
    void aThrowingEnvIsReportedWithTheExceptionInOneLine() {
        onlyProblem(new HandWritten(HandWritten.Fault.THROWS_ON_STEP), "step",
                "the env threw ArithmeticException: integrator diverged at x = 3");
    }

    /** The check has exactly one problem, failing {@code check}, of one line containing every fragment. */
    private static void onlyProblem(Env env, String check, String... fragments) {
        EnvCheck c = Envs.check(env);
        assertEquals(1, c.problems().size(), c.problems().toString());
        String p = c.problems().get(0);
        assertTrue(p.startsWith(env.id() + ": "), p);
        assertTrue(!p.contains("\n"), p);
        for (String f : fragments) {
            assertTrue(p.contains(f), "'" + f + "' not in: " + p);
        }
        assertTrue(!c.passed().contains(check), check + " passed: " + c.passed());
    }

    enum Fault { NONE, OBSERVATION_OUTSIDE_SPACE, NAN_REWARD, UNSEEDED, INCOMPLETE_STATE, OWN_GENERATOR }

    /**
     * A random walk on the integers written as a user would, on {@link AbstractEnv}: x starts uniform in {-1, 0, 1},
     * action 0/1 moves it by -1/+1 and noise (from the seeded generator, or from an unseeded one: the fault UNSEEDED)
     * may add another step; the episode terminates at |x| = 5 and is
     * truncated after 20 steps. Observation (x/2.5, last move), reward -|x|.
     */
    static final class Walk extends AbstractEnv {
        private final Fault fault;
        private double x;
        private double move;
        /** The fault OWN_GENERATOR: noise from a generator of its own, seeded at reset but not checkpointed. */
        private SplittableRandom own;

        Walk(Fault fault) {
            super("Walk-v0", Box.of(new double[] {-2, -1}, new double[] {2, 1}), new Discrete(2), 2, 0, 20);
            this.fault = fault;
        }

        @Override
        protected void resetState(SplittableRandom rng) {
            x = rng.nextInt(3) - 1;
            own = new SplittableRandom(rng.nextLong());
            move = 0;
        }

        @Override
        protected void advance(int action, StepResult out) {
            SplittableRandom noise = fault == Fault.UNSEEDED ? new SplittableRandom()
                    : fault == Fault.OWN_GENERATOR ? own : rng;
            move = (action == 1 ? 1 : -1) + (noise.nextInt(4) == 0 ? (action == 1 ? 1 : -1) : 0);
            x += move;
            x = Math.max(-5, Math.min(5, x));
            observe(out.observation());
            out.setReward(fault == Fault.NAN_REWARD && x == 3 ? Double.NaN : -Math.abs(x));
            out.setTerminated(Math.abs(x) >= 5);
        }

        @Override
        protected void observe(double[] out) {
            out[0] = fault == Fault.OBSERVATION_OUTSIDE_SPACE ? x : x / 2.5;
            out[1] = move / 2;
        }

        @Override
        protected void readState(double[] out) {
            out[0] = x;
            out[1] = fault == Fault.INCOMPLETE_STATE ? 0 : move;
        }

        @Override
        protected void writeState(double[] state) {
            x = state[0];
            move = state[1];
        }
    }

    /** The same walk written directly against {@link Env}, without AbstractEnv's checks, with one fault. */
    static final class HandWritten implements Env {
        enum Fault { NO_TRUNCATION, STEPS_AFTER_END, SHORT_OBSERVATION, ACCEPTS_ANY_ACTION, THROWS_ON_STEP }

        private final Fault fault;
        private final StepResult result;
        private SplittableRandom rng = new SplittableRandom(0);
        private int x;
        private int elapsed;
        private boolean running;

        HandWritten(Fault fault) {
            this.fault = fault;
            this.result = new StepResult(fault == Fault.SHORT_OBSERVATION ? 1 : 2, 0);
        }

        @Override
        public String id() {
            return "HandWalk-v0";
        }

        @Override
        public Space observationSpace() {
            return Box.of(new double[] {-5, 0}, new double[] {5, 20});
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        public int maxEpisodeSteps() {
            return 20;
        }

        @Override
        public int costCount() {
            return 0;
        }

        @Override
        public StepResult reset(long seed) {
            rng = new SplittableRandom(seed);
            return reset();
        }

        @Override
        public StepResult reset() {
            x = 0;
            elapsed = 0;
            running = true;
            result.clear();
            observe();
            return result;
        }

        @Override
        public StepResult step(int action) {
            if (fault != Fault.ACCEPTS_ANY_ACTION && (action < 0 || action > 1)) {
                throw new IllegalArgumentException("action " + action);
            }
            if (!running && fault != Fault.STEPS_AFTER_END) {
                throw new IllegalStateException("episode over");
            }
            // The walk is pushed back towards 0 at |x| = 4, so that only the time limit ends an episode.
            x += Math.abs(x) == 4 ? -Integer.signum(x) : (action == 1 ? 1 : -1);
            if (fault == Fault.THROWS_ON_STEP && x == 3) {
                throw new ArithmeticException("integrator diverged at x = 3");
            }
            elapsed++;
            result.setReward(-Math.abs(x) + 0.01 * rng.nextInt(2));
            result.setTerminated(false);
            result.setTruncated(fault != Fault.NO_TRUNCATION && elapsed >= 20);
            running = !result.done();
            observe();
            return result;
        }

        private void observe() {
            result.observation()[0] = x;
            if (result.observation().length > 1) {
                result.observation()[1] = Math.min(elapsed, 20);
            }
        }

        @Override
        public StepResult step(double[] action) {
            throw new IllegalArgumentException("discrete actions");
        }

        @Override
        public int elapsedSteps() {
            return elapsed;
        }

        @Override
        public double[] state() {
            throw new UnsupportedOperationException("no state");
        }

        @Override
        public StepResult setState(double[] state, int elapsedSteps) {
            throw new UnsupportedOperationException("no state");
        }

        @Override
        public void close() {
        }
    }
}
