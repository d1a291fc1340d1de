package org.npg4j.policy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.npg4j.math.LinearOperator;
import org.npg4j.nn.Activation;
import org.npg4j.nn.FanInUniformInitializer;
import org.npg4j.nn.Mlp;
import org.npg4j.nn.OrthogonalInitializer;
import org.npg4j.nn.Tape;
import org.npg4j.util.SideThread;

/**
 * An actor-critic policy as Stable-Baselines3's {@code MlpPolicy}: by default separate actor and critic MLPs
 * (pi = vf = [64, 64], tanh), orthogonally initialized (gains √2 hidden, 0.01 action head, 1 value head; or with
 * {@link Builder#orthoInit orthoInit(false)} PyTorch's default, {@link FanInUniformInitializer}), a
 * state-independent log-std (initially 0) for continuous actions. With {@link Builder#sharedLayers} a single trunk
 * feeds both heads, built as one MLP whose linear output layer has k + 1 units: k distribution parameters, then
 * the value (equivalent to SB3's separate linear heads on a shared latent).
 *
 * <p>Parameter layout of {@link #parameters()}: [actor MLP | log σ (Gaussian only) | critic MLP] for separate
 * networks, [shared MLP | log σ] for a shared trunk; the policy's parameters are the prefix of length
 * {@link #actorParameterCount()} (for a shared trunk that prefix includes the value column's weights, on which
 * π does not depend).
 */
public final class ActorCriticPolicy implements Policy {
    private final ActionDistribution dist;
    private final Mlp actor;
    private final Mlp critic;
    private final boolean shared;
    private final int k;
    private final int stride;
    private final int psiOffset;
    private final int criticOffset;
    private final double[] theta;

    private Tape actorTape;
    private Tape criticTape;
    private Tape singleTape;
    private int capacity;
    private double[] out;
    private double[] outTangent;
    private double[] g;
    private double[] values;
    private final double[] single;
    private final double[] singleGrad;
    private final double[] psiScratch;
    private Tape fisherTape;
    private double[] fisherOut;
    private double[] fisherTangent;
    private double[] fisherG;
    private long fisherGeneration;
    /** What the batch tapes hold: {@link #TAPE_OTHER}, or the last evaluateActions / predictValues. */
    private int tapeState;
    private int tapeBatch;
    private static final int TAPE_OTHER = 0;
    private static final int TAPE_EVALUATION = 1;
    private static final int TAPE_EVALUATION_WITH_VALUES = 2;
    private static final int TAPE_VALUES = 3;
    /** Batches from this many rows run the critic's passes on {@link #side} beside the actor's (PPO, A2C). */
    private static final int PARALLEL_ROWS = 64;
    private final SideThread side = new SideThread("npg4j-critic");
    private double[] sideObs;
    private int sideBatch;
    private double[] sideValues;
    private double[] sideDValue;
    private double[] sideGrad;
    private final Runnable criticForward = this::criticForwardOnSide;
    private final Runnable criticBackward = this::criticBackwardOnSide;

    private ActorCriticPolicy(Builder b) {
        this.dist = b.dist;
        this.k = dist.parameterSize();
        this.shared = b.shared != null;
        if (shared) {
            actor = Mlp.of(b.observationSize, b.shared, b.activation, k + 1);
            critic = null;
        } else {
            actor = Mlp.of(b.observationSize, b.pi, b.activation, k);
            critic = Mlp.of(b.observationSize, b.vf, b.activation, 1);
        }
        this.stride = actor.outputSize();
        this.psiOffset = actor.parameterCount();
        this.criticOffset = psiOffset + dist.sharedParameterSize();
        this.theta = new double[criticOffset + (critic == null ? 0 : critic.parameterCount())];
        this.single = new double[stride];
        this.singleGrad = new double[stride];
        this.psiScratch = new double[dist.sharedParameterSize()];
        SplittableRandom rng = new SplittableRandom(b.seed);
        if (!b.orthoInit) {
            // SB3 with ortho_init=False keeps PyTorch's nn.Linear default on every layer, heads included.
            FanInUniformInitializer.initialize(actor, theta, 0, rng);
            if (critic != null) {
                FanInUniformInitializer.initialize(critic, theta, criticOffset, rng);
            }
        } else if (shared) {
            // SB3 initializes the action and value heads as two separate orthogonal matrices.
            double[] gains = OrthogonalInitializer.gains(actor, 1.0);
            OrthogonalInitializer.initialize(actor, theta, 0, gains, rng);
            int last = actor.layers() - 1;
            int in = actor.size(last);
            double[] pi = OrthogonalInitializer.orthogonal(in, k, OrthogonalInitializer.POLICY_HEAD_GAIN, rng);
            double[] vf = OrthogonalInitializer.orthogonal(in, 1, OrthogonalInitializer.VALUE_HEAD_GAIN, rng);
            int w = actor.weightOffset(last);
            for (int i = 0; i < in; i++) {
                System.arraycopy(pi, i * k, theta, w + i * stride, k);
                theta[w + i * stride + k] = vf[i];
            }
        } else {
            OrthogonalInitializer.initialize(actor, theta, 0, OrthogonalInitializer.policyGains(actor), rng);
            OrthogonalInitializer.initialize(critic, theta, criticOffset, OrthogonalInitializer.valueGains(critic),
                    rng);
        }
        Arrays.fill(theta, psiOffset, criticOffset, b.logStdInit);
        this.singleTape = actor.newTape(1);
    }

    /** A builder for observations of {@code observationSize} doubles; choose the action space next. */
    public static Builder builder(int observationSize) {
        return new Builder(observationSize);
    }

    @Override
    public int observationSize() {
        return actor.inputSize();
    }

    @Override
    public ActionDistribution distribution() {
        return dist;
    }

    @Override
    public int parameterCount() {
        return theta.length;
    }

    /** Length of the prefix of θ on which π depends (network producing φ, then log σ). */
    public int actorParameterCount() {
        return criticOffset;
    }

    /** Offset of log σ in θ (equal to {@link #actorParameterCount()} for a categorical policy). */
    public int logStdOffset() {
        return psiOffset;
    }

    /** The network producing the distribution parameters (and, for a shared trunk, the value in column k). */
    public Mlp actorNetwork() {
        return actor;
    }

    /** The critic network, or null for a shared trunk. */
    public Mlp criticNetwork() {
        return critic;
    }

    @Override
    public double[] parameters() {
        return theta;
    }

    @Override
    public void act(double[] obs, int obsOffset, RandomGenerator rng, double[] action, int actionOffset) {
        actor.forward(theta, 0, obs, obsOffset, 1, single, 0, singleTape);
        dist.sample(single, 0, theta, psiOffset, rng, action, actionOffset);
    }

    @Override
    public void actDeterministic(double[] obs, int obsOffset, double[] action, int actionOffset) {
        actor.forward(theta, 0, obs, obsOffset, 1, single, 0, singleTape);
        dist.mode(single, 0, theta, psiOffset, action, actionOffset);
    }

    /**
     * V(s_i) for a batch of observations. The pass stays recorded, so that {@link #valueGradient} can follow
     * without a second forward pass.
     */
    public void predictValues(double[] obs, int batch, double[] valuesOut) {
        ensure(batch);
        if (shared) {
            actor.forward(theta, 0, obs, 0, batch, out, 0, actorTape);
            for (int i = 0; i < batch; i++) {
                valuesOut[i] = out[i * stride + k];
            }
        } else {
            critic.forward(theta, criticOffset, obs, 0, batch, valuesOut, 0, criticTape);
        }
        recorded(TAPE_VALUES, batch);
    }

    /**
     * Accumulates into {@code grad} the gradient of Σ_i dValue[i] V(s_i) for the batch of the immediately preceding
     * {@link #predictValues} call (same θ, no other batch pass in between), by one reverse pass through the
     * network computing V only: for separate networks the actor's part of {@code grad} is untouched.
     *
     * @throws IllegalStateException if the last batch pass was not {@code predictValues} on {@code batch} rows
     */
    public void valueGradient(int batch, double[] dValue, double[] grad) {
        requireRecorded(TAPE_VALUES, batch, "valueGradient", "predictValues");
        if (shared) {
            Arrays.fill(g, 0, batch * stride, 0.0);
            for (int i = 0; i < batch; i++) {
                g[i * stride + k] = dValue[i];
            }
            actor.backward(theta, 0, g, 0, batch, grad, 0, null, 0, actorTape);
        } else {
            critic.backward(theta, criticOffset, dValue, 0, batch, grad, criticOffset, null, 0, criticTape);
        }
    }

    @Override
    public void evaluateActions(double[] obs, double[] actions, int batch, double[] logProbs, double[] entropies) {
        evaluateActions(obs, actions, batch, logProbs, entropies, null);
    }

    /**
     * As {@link Policy#evaluateActions}, also writing V(s_i) into {@code valuesOut} if it is not null. The pass stays
     * recorded, so that {@link #gradientOfLastEvaluation} can follow without a second forward pass.
     */
    public void evaluateActions(double[] obs, double[] actions, int batch, double[] logProbs, double[] entropies,
            double[] valuesOut) {
        ensure(batch);
        recorded(valuesOut != null ? TAPE_EVALUATION_WITH_VALUES : TAPE_EVALUATION, batch);
        if (valuesOut != null && !shared && batch >= PARALLEL_ROWS && side.parallel()) {
            // The critic's pass on the helper thread beside the actor's: separate networks, tapes and outputs.
            sideObs = obs;
            sideBatch = batch;
            sideValues = valuesOut;
            side.run(criticForward, () -> actorEvaluation(obs, actions, batch, logProbs, entropies));
            sideObs = null;
            sideValues = null;
            return;
        }
        actorEvaluation(obs, actions, batch, logProbs, entropies);
        if (valuesOut != null) {
            if (shared) {
                for (int i = 0; i < batch; i++) {
                    valuesOut[i] = out[i * stride + k];
                }
            } else {
                critic.forward(theta, criticOffset, obs, 0, batch, valuesOut, 0, criticTape);
            }
        }
    }

    private void actorEvaluation(double[] obs, double[] actions, int batch, double[] logProbs, double[] entropies) {
        actor.forward(theta, 0, obs, 0, batch, out, 0, actorTape);
        int as = dist.actionSize();
        for (int i = 0; i < batch; i++) {
            if (logProbs != null) {
                logProbs[i] = dist.logProb(out, i * stride, theta, psiOffset, actions, i * as);
            }
            if (entropies != null) {
                entropies[i] = dist.entropy(out, i * stride, theta, psiOffset);
            }
        }
    }

    @Override
    public void gradient(double[] obs, double[] actions, int batch, double[] dLogProb, double[] dEntropy,
            double[] grad) {
        gradient(obs, actions, batch, dLogProb, dEntropy, null, grad);
    }

    /**
     * Accumulates into {@code grad} the gradient of Σ_i dLogProb[i] log π(a_i|s_i) + dEntropy[i] H(π(·|s_i)) +
     * dValue[i] V(s_i): the per-sample weights are the derivatives of the caller's loss (e.g. for PPO's value
     * loss c·(1/N)Σ(V_i - R_i)², dValue[i] = 2c(V_i - R_i)/N). Any weight array may be null.
     */
    public void gradient(double[] obs, double[] actions, int batch, double[] dLogProb, double[] dEntropy,
            double[] dValue, double[] grad) {
        ensure(batch);
        actor.forward(theta, 0, obs, 0, batch, out, 0, actorTape);
        if (!shared && dValue != null) {
            critic.forward(theta, criticOffset, obs, 0, batch, values, 0, criticTape);
        }
        backward(actions, batch, dLogProb, dEntropy, dValue, grad);
        tapeState = TAPE_OTHER;
    }

    /**
     * The gradient of {@link #gradient(double[], double[], int, double[], double[], double[], double[])} for the
     * batch of the immediately preceding {@link #evaluateActions(double[], double[], int, double[], double[],
     * double[])} (or, without dValue, {@link #distributionParameters}) call, reusing its forward pass: one reverse pass per network, no forward pass. {@code actions}
     * must be the evaluated actions; {@code dValue} (may be null) needs values to have been requested.
     *
     * @throws IllegalStateException if the last batch pass was not {@code evaluateActions} on {@code batch} rows
     *                               (with values when {@code dValue} is not null)
     */
    public void gradientOfLastEvaluation(double[] actions, int batch, double[] dLogProb, double[] dEntropy,
            double[] dValue, double[] grad) {
        if (dValue != null && !shared) {
            requireRecorded(TAPE_EVALUATION_WITH_VALUES, batch, "gradientOfLastEvaluation with dValue",
                    "evaluateActions with values");
        } else if (!(tapeBatch == batch
                && (tapeState == TAPE_EVALUATION || tapeState == TAPE_EVALUATION_WITH_VALUES))) {
            requireRecorded(TAPE_EVALUATION, batch, "gradientOfLastEvaluation", "evaluateActions");
        }
        backward(actions, batch, dLogProb, dEntropy, dValue, grad);
    }

    /** Reverse passes after the actor (and, if dValue is used, the critic) forward passes on this batch. */
    private void backward(double[] actions, int batch, double[] dLogProb, double[] dEntropy, double[] dValue,
            double[] grad) {
        if (!shared && dValue != null && batch >= PARALLEL_ROWS && side.parallel()) {
            // The critic's reverse pass on the helper thread: it writes only the critic's part of grad.
            sideBatch = batch;
            sideDValue = dValue;
            sideGrad = grad;
            side.run(criticBackward, () -> actorBackward(actions, batch, dLogProb, dEntropy, null, grad));
            sideDValue = null;
            sideGrad = null;
            return;
        }
        actorBackward(actions, batch, dLogProb, dEntropy, dValue, grad);
        if (!shared && dValue != null) {
            critic.backward(theta, criticOffset, dValue, 0, batch, grad, criticOffset, null, 0, criticTape);
        }
    }

    /** The actor's reverse pass (with the value column of a shared trunk when dValue is not null). */
    private void actorBackward(double[] actions, int batch, double[] dLogProb, double[] dEntropy, double[] dValue,
            double[] grad) {
        Arrays.fill(g, 0, batch * stride, 0.0);
        int as = dist.actionSize();
        for (int i = 0; i < batch; i++) {
            int o = i * stride;
            if (dLogProb != null && dLogProb[i] != 0.0) {
                dist.logProbGradient(out, o, theta, psiOffset, actions, i * as, dLogProb[i], g, o, grad, psiOffset);
            }
            if (dEntropy != null && dEntropy[i] != 0.0) {
                dist.entropyGradient(out, o, theta, psiOffset, dEntropy[i], g, o, grad, psiOffset);
            }
            if (shared && dValue != null) {
                g[o + k] = dValue[i];
            }
        }
        actor.backward(theta, 0, g, 0, batch, grad, 0, null, 0, actorTape);
    }

    private void criticForwardOnSide() {
        critic.forward(theta, criticOffset, sideObs, 0, sideBatch, sideValues, 0, criticTape);
    }

    private void criticBackwardOnSide() {
        critic.backward(theta, criticOffset, sideDValue, 0, sideBatch, sideGrad, criticOffset, null, 0, criticTape);
    }

    private void recorded(int state, int batch) {
        tapeState = state;
        tapeBatch = batch;
    }

    private void requireRecorded(int state, int batch, String what, String before) {
        if (tapeState != state || tapeBatch != batch) {
            throw new IllegalStateException(what + " needs " + before + " on the same " + batch
                    + " rows immediately before it");
        }
    }

    @Override
    public void score(double[] obs, int obsOffset, double[] action, int actionOffset, double[] grad) {
        actor.forward(theta, 0, obs, obsOffset, 1, single, 0, singleTape);
        Arrays.fill(singleGrad, 0.0);
        dist.logProbGradient(single, 0, theta, psiOffset, action, actionOffset, 1.0, singleGrad, 0, grad,
                psiOffset);
        actor.backward(theta, 0, singleGrad, 0, 1, grad, 0, null, 0, singleTape);
    }

    @Override
    public void distributionParameters(double[] obs, int batch, double[] phiOut, double[] psiOut) {
        ensure(batch);
        // The pass is the actor half of evaluateActions: gradientOfLastEvaluation may follow it.
        recorded(TAPE_EVALUATION, batch);
        actor.forward(theta, 0, obs, 0, batch, out, 0, actorTape);
        for (int i = 0; i < batch; i++) {
            System.arraycopy(out, i * stride, phiOut, i * k, k);
        }
        if (psiOut != null) {
            System.arraycopy(theta, psiOffset, psiOut, 0, dist.sharedParameterSize());
        }
    }

    @Override
    public double meanKl(double[] obs, int batch, double[] oldPhi, double[] oldPsi) {
        ensure(batch);
        tapeState = TAPE_OTHER;
        actor.forward(theta, 0, obs, 0, batch, out, 0, actorTape);
        double kl = 0.0;
        for (int i = 0; i < batch; i++) {
            kl += dist.klDivergence(oldPhi, i * k, oldPsi, 0, out, i * stride, theta, psiOffset);
        }
        return kl / batch;
    }

    @Override
    public void klGradient(double[] obs, int batch, double[] oldPhi, double[] oldPsi, double[] grad) {
        ensure(batch);
        tapeState = TAPE_OTHER;
        actor.forward(theta, 0, obs, 0, batch, out, 0, actorTape);
        Arrays.fill(g, 0, batch * stride, 0.0);
        double w = 1.0 / batch;
        for (int i = 0; i < batch; i++) {
            dist.klGradient(oldPhi, i * k, oldPsi, 0, out, i * stride, theta, psiOffset, w, g, i * stride, grad,
                    psiOffset);
        }
        actor.backward(theta, 0, g, 0, batch, grad, 0, null, 0, actorTape);
    }

    @Override
    public void fisherVectorProduct(double[] obs, int batch, double[] v, double damping, double[] result) {
        checkFisherVectors(v, result);
        ensure(batch);
        tapeState = TAPE_OTHER;
        // Forward mode: J_i v for every state, alongside φ(s_i).
        actor.forwardTangent(theta, 0, v, 0, obs, 0, batch, out, 0, outTangent, 0, actorTape);
        pullBackFisher(batch, v, damping, out, outTangent, g, actorTape, result);
    }

    /**
     * The damped Fisher operator v ↦ (F + λI) v of {@link #fisherVectorProduct} on this batch at the current θ,
     * for many products at one θ (conjugate gradient): the forward pass runs once here, each product then costs one
     * forward-mode tangent pass and one reverse pass. The operator reads θ when applied, so it is valid only while
     * θ is unchanged, and only until the next call of this method (which reuses its scratch memory).
     */
    public LinearOperator fisherOperator(double[] obs, int batch, double damping) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        if (fisherTape == null || fisherTape.capacity() < batch) {
            fisherTape = actor.newTape(batch);
            fisherOut = new double[batch * stride];
            fisherTangent = new double[batch * stride];
            fisherG = new double[batch * stride];
        }
        actor.forward(theta, 0, obs, 0, batch, fisherOut, 0, fisherTape);
        // The per-layer Jacobians at θ (Mlp.recordJacobians): each product then needs one matrix product per layer
        // and direction instead of two.
        actor.recordJacobians(theta, 0, batch, fisherTape);
        long generation = ++fisherGeneration;
        return (v, result) -> {
            if (generation != fisherGeneration) {
                throw new IllegalStateException("this Fisher operator was superseded by a later fisherOperator call");
            }
            checkFisherVectors(v, result);
            actor.jacobianVectorProduct(v, 0, batch, fisherTangent, 0, fisherTape);
            fisherMetric(batch, v, fisherOut, fisherTangent, fisherG);
            Arrays.fill(result, 0.0);
            actor.jacobianTransposeProduct(fisherG, 0, batch, result, 0, fisherTape);
            addPsiAndDamping(v, damping, result);
        };
    }

    private void checkFisherVectors(double[] v, double[] result) {
        if (v.length != theta.length || result.length != theta.length) {
            throw new IllegalArgumentException("fisherVectorProduct needs vectors of length " + theta.length
                    + ", got " + v.length + " and " + result.length);
        }
    }

    /** result = Σ_i J_iᵀ M_i (J_i v, v_ψ) / N + λ v, given φ and J v per state and the tape of their pass. */
    private void pullBackFisher(int batch, double[] v, double damping, double[] phi, double[] tangent,
            double[] gScratch, Tape tape, double[] result) {
        fisherMetric(batch, v, phi, tangent, gScratch);
        // Reverse mode: Σ_i J_iᵀ (M_i J_i v) / N.
        Arrays.fill(result, 0.0);
        actor.backward(theta, 0, gScratch, 0, batch, result, 0, null, 0, tape);
        addPsiAndDamping(v, damping, result);
    }

    /**
     * gScratch = M_i (J_i v, v_ψ) / N per state (its network part), psiScratch = the sum of its ψ parts; the value
     * column (shared trunk) carries no Fisher information.
     */
    private void fisherMetric(int batch, double[] v, double[] phi, double[] tangent, double[] gScratch) {
        Arrays.fill(gScratch, 0, batch * stride, 0.0);
        Arrays.fill(psiScratch, 0.0);
        double w = 1.0 / batch;
        for (int i = 0; i < batch; i++) {
            int o = i * stride;
            dist.fisherProduct(phi, o, theta, psiOffset, tangent, o, v, psiOffset, w, gScratch, o, psiScratch, 0);
        }
    }

    private void addPsiAndDamping(double[] v, double damping, double[] result) {
        for (int j = 0; j < psiScratch.length; j++) {
            result[psiOffset + j] += psiScratch[j];
        }
        if (damping != 0.0) {
            for (int j = 0; j < result.length; j++) {
                result[j] += damping * v[j];
            }
        }
    }

    private void ensure(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        if (batch > capacity) {
            int c = Math.max(batch, 2 * capacity);
            actorTape = actor.newTape(c);
            criticTape = critic == null ? null : critic.newTape(c);
            out = new double[c * stride];
            outTangent = new double[c * stride];
            g = new double[c * stride];
            values = new double[c];
            capacity = c;
            tapeState = TAPE_OTHER;
        }
    }

    /** Configuration of an {@link ActorCriticPolicy}; defaults are SB3's MlpPolicy. */
    public static final class Builder {
        private final int observationSize;
        private ActionDistribution dist;
        private int[] pi = {64, 64};
        private int[] vf = {64, 64};
        private int[] shared;
        private Activation activation = Activation.TANH;
        private double logStdInit = 0.0;
        private boolean orthoInit = true;
        private long seed;

        private Builder(int observationSize) {
            if (observationSize < 1) {
                throw new IllegalArgumentException("observation size must be positive, got " + observationSize);
            }
            this.observationSize = observationSize;
        }

        /** Discrete actions {0, …, actions-1}: a categorical policy on logits. */
        public Builder discrete(int actions) {
            this.dist = new Categorical(actions);
            return this;
        }

        /** Continuous actions in R^dimension: a diagonal Gaussian with state-independent log σ. */
        public Builder continuous(int dimension) {
            this.dist = new DiagGaussian(dimension);
            return this;
        }

        public Builder piLayers(int... sizes) {
            this.pi = sizes.clone();
            return this;
        }

        public Builder vfLayers(int... sizes) {
            this.vf = sizes.clone();
            return this;
        }

        /** One trunk for actor and critic with linear heads (replaces the pi and vf layers). */
        public Builder sharedLayers(int... sizes) {
            this.shared = sizes.clone();
            return this;
        }

        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** SB3's {@code log_std_init}, default 0. */
        public Builder logStdInit(double logStdInit) {
            this.logStdInit = logStdInit;
            return this;
        }

        /**
         * SB3's {@code ortho_init}: true (default) for orthogonal weights and zero biases, false for PyTorch's
         * default U(±1/√fan_in) weights and biases on every layer ({@link FanInUniformInitializer}).
         */
        public Builder orthoInit(boolean orthoInit) {
            this.orthoInit = orthoInit;
            return this;
        }

        /** Seed of the initialization. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ActorCriticPolicy build() {
            if (dist == null) {
                throw new IllegalArgumentException("choose discrete(n) or continuous(d) actions");
            }
            if (activation == null) {
                throw new IllegalArgumentException("activation is null");
            }
            if (!Double.isFinite(logStdInit)) {
                throw new IllegalArgumentException("log_std_init must be finite, got " + logStdInit);
            }
            return new ActorCriticPolicy(this);
        }
    }
}
