package org.npg4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multilayer perceptron y = f_L(… f_1(x W_1 + b_1) …) W_L + b_L with per-layer activations, evaluated on a
 * slice of one flat parameter vector.
 *
 * <p>Parameter layout: layer l (inputs n_l, outputs n_{l+1}) occupies {@code n_l·n_{l+1} + n_{l+1}} entries from
 * {@link #weightOffset(int)}: first the weights W_l as an n_l×n_{l+1} row-major matrix (row i holds the weights
 * leaving input i, i.e. the transpose of PyTorch's {@code nn.Linear.weight}), then the bias b_l
 * ({@link #biasOffset(int)}). Layers follow each other without gaps. Internally batches are processed
 * feature-major (see {@link Gemm}), so that every vector loop of the forward and reverse passes runs over the batch;
 * inputs and outputs of the public methods stay row-major.
 *
 * <p>Immutable and thread-safe; all mutable state lives in the caller's parameters and {@link Tape}s.
 */
public final class Mlp implements ParametricFunction {
    private final int[] sizes;
    private final Activation[] activations;
    private final int[] offsets;
    private final int parameterCount;

    private Mlp(int[] sizes, Activation[] activations) {
        this.sizes = sizes;
        this.activations = activations;
        this.offsets = new int[activations.length + 1];
        for (int l = 0; l < activations.length; l++) {
            offsets[l + 1] = offsets[l] + sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        this.parameterCount = offsets[activations.length];
    }

    /**
     * An MLP with the given layer sizes (input first, output last) and one activation per layer (the last one
     * usually {@link Activation#IDENTITY}).
     */
    public static Mlp of(int[] sizes, Activation[] activations) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        if (activations.length != sizes.length - 1) {
            throw new IllegalArgumentException("an MLP with " + (sizes.length - 1) + " layers needs as many "
                    + "activations, got " + activations.length);
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 1) {
                throw new IllegalArgumentException("layer size " + l + " must be positive, got " + sizes[l]);
            }
        }
        for (int l = 0; l < activations.length; l++) {
            if (activations[l] == null) {
                throw new IllegalArgumentException("activation of layer " + l + " is null");
            }
        }
        return new Mlp(sizes.clone(), activations.clone());
    }

    /**
     * The usual policy/value network: {@code hidden} layers with activation {@code hiddenActivation} and a
     * linear output layer, e.g. {@code Mlp.of(4, new int[] {64, 64}, Activation.TANH, 2)} (SB3's MlpPolicy).
     */
    public static Mlp of(int inputs, int[] hidden, Activation hiddenActivation, int outputs) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        Activation[] acts = new Activation[hidden.length + 1];
        Arrays.fill(acts, hiddenActivation);
        acts[hidden.length] = Activation.IDENTITY;
        return of(sizes, acts);
    }

    /** Number of affine layers. */
    public int layers() {
        return activations.length;
    }

    /** Width of layer boundary {@code l}: 0 is the input, {@link #layers()} the output. */
    public int size(int l) {
        return sizes[l];
    }

    public Activation activation(int layer) {
        return activations[layer];
    }

    /** Offset of W_layer within the network's parameter slice. */
    public int weightOffset(int layer) {
        return offsets[layer];
    }

    /** Offset of b_layer within the network's parameter slice. */
    public int biasOffset(int layer) {
        return offsets[layer] + sizes[layer] * sizes[layer + 1];
    }

    @Override
    public int inputSize() {
        return sizes[0];
    }

    @Override
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    /** Forward and backward floating-point operations per batch row (multiply-add = 2), for benchmarks. */
    public long flopsPerRow(boolean withBackward) {
        long f = 0;
        for (int l = 0; l < layers(); l++) {
            long mac = (long) sizes[l] * sizes[l + 1];
            f += 2 * mac;
            if (withBackward) {
                f += 2 * mac * (l > 0 ? 2 : 1);
            }
        }
        return f;
    }

    @Override
    public MlpTape newTape(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("tape capacity must be positive, got " + capacity);
        }
        return new MlpTape(this, capacity);
    }

    @Override
    public void forward(double[] theta, int thetaOffset, double[] x, int xOffset, int batch, double[] out,
            int outOffset, Tape tape) {
        MlpTape t = checkTape(tape, batch);
        record(t, x, xOffset, batch);
        double[] in = t.inputT;
        for (int l = 0; l < layers(); l++) {
            double[] y = t.outputs[l];
            affine(l, theta, thetaOffset, in, batch, y);
            activate(activations[l], y, batch * sizes[l + 1]);
            in = y;
        }
        Gemm.transpose(t.outputs[layers() - 1], 0, outputSize(), batch, out, outOffset);
    }

    @Override
    public void forwardTangent(double[] theta, int thetaOffset, double[] v, int vOffset, double[] x, int xOffset,
            int batch, double[] out, int outOffset, double[] outTangent, int outTangentOffset, Tape tape) {
        forward(theta, thetaOffset, x, xOffset, batch, out, outOffset, tape);
        tangentOfLastForward(theta, thetaOffset, v, vOffset, batch, outTangent, outTangentOffset, tape);
    }

    /**
     * The forward-mode half of {@link #forwardTangent}: writes J_θ(x_r) v for every row of the batch recorded by
     * the last {@link #forward} on this tape, reusing its layer outputs (θ and x must be those of that pass). With
     * several tangents at one θ (conjugate gradient on Fisher-vector products) this saves one forward pass each.
     */
    public void tangentOfLastForward(double[] theta, int thetaOffset, double[] v, int vOffset, int batch,
            double[] outTangent, int outTangentOffset, Tape tape) {
        MlpTape t = checkTape(tape, batch);
        if (t.batch != batch) {
            throw new IllegalArgumentException("tangent on " + batch + " rows after a forward pass on " + t.batch);
        }
        double[] in = t.inputT;
        for (int l = 0; l < layers(); l++) {
            int k = sizes[l];
            int n = sizes[l + 1];
            double[] y = t.outputs[l];
            double[] dy = t.tangents[l];
            // d(xW + b) = dx W + x dW + db; the network input does not depend on θ, so dx = 0 at l = 0.
            affine(l, v, vOffset, in, batch, dy);
            if (l > 0) {
                Gemm.accumulate(theta, thetaOffset + weightOffset(l), 1, n, n, k, t.tangents[l - 1], 0, dy, 0,
                        batch);
            }
            Activation f = activations[l];
            if (f != Activation.IDENTITY) {
                for (int i = 0; i < batch * n; i++) {
                    dy[i] *= f.derivativeFromOutput(y[i]);
                }
            }
            in = y;
        }
        Gemm.transpose(t.tangents[layers() - 1], 0, outputSize(), batch, outTangent, outTangentOffset);
    }

    @Override
    public void backward(double[] theta, int thetaOffset, double[] g, int gOffset, int batch, double[] grad,
            int gradOffset, double[] gradInput, int gradInputOffset, Tape tape) {
        MlpTape t = checkTape(tape, batch);
        if (t.batch < 0) {
            throw new IllegalStateException("backward called before forward on this tape");
        }
        if (t.batch != batch) {
            throw new IllegalArgumentException("backward on " + batch + " rows after a forward pass on " + t.batch);
        }
        int last = layers() - 1;
        double[] delta = t.deltas[last];
        Gemm.transpose(g, gOffset, batch, outputSize(), delta, 0);
        multiplyByDerivative(activations[last], t.outputs[last], delta, batch * outputSize());
        for (int l = last; l >= 0; l--) {
            int k = sizes[l];
            int n = sizes[l + 1];
            double[] in = l == 0 ? t.inputT : t.outputs[l - 1];
            delta = t.deltas[l];
            // ∂/∂W = xᵀ δ, ∂/∂b = Σ_r δ_r.
            Gemm.addOuterProducts(in, 0, k, delta, 0, n, batch, grad, gradOffset + weightOffset(l));
            Gemm.addRowSums(delta, 0, n, batch, grad, gradOffset + biasOffset(l));
            if (l == 0 && gradInput == null) {
                break;
            }
            // ∂/∂x = δ Wᵀ: feature i of the input gradient is Σ_j W[i, j] δ_j.
            double[] target = l > 0 ? t.deltas[l - 1] : t.inputGradT;
            Arrays.fill(target, 0, batch * k, 0.0);
            Gemm.accumulate(theta, thetaOffset + weightOffset(l), n, 1, k, n, delta, 0, target, 0, batch);
            if (l > 0) {
                multiplyByDerivative(activations[l - 1], t.outputs[l - 1], target, batch * k);
            } else {
                Gemm.transpose(target, 0, k, batch, gradInput, gradInputOffset);
            }
        }
    }

    /** Records the network input, transposed to the tape's feature-major layout. */
    private void record(MlpTape t, double[] x, int xOffset, int batch) {
        Gemm.transpose(x, xOffset, batch, inputSize(), t.inputT, 0);
        t.batch = batch;
    }

    /** y = x W_l + b_l on feature-major batches: output feature j is b_j + Σ_i W[i, j] x_i. */
    private void affine(int l, double[] theta, int thetaOffset, double[] in, int batch, double[] y) {
        int k = sizes[l];
        int n = sizes[l + 1];
        int b = thetaOffset + biasOffset(l);
        for (int j = 0; j < n; j++) {
            Arrays.fill(y, j * batch, (j + 1) * batch, theta[b + j]);
        }
        Gemm.accumulate(theta, thetaOffset + weightOffset(l), 1, n, n, k, in, 0, y, 0, batch);
    }

    private static void activate(Activation f, double[] y, int length) {
        switch (f) {
            case IDENTITY:
                return;
            case TANH:
                FastTanh.tanhInPlace(y, 0, length);
                return;
            default:
                for (int i = 0; i < length; i++) {
                    y[i] = f.apply(y[i]);
                }
        }
    }

    private static void multiplyByDerivative(Activation f, double[] y, double[] d, int length) {
        switch (f) {
            case IDENTITY:
                return;
            case TANH:
                for (int i = 0; i < length; i++) {
                    d[i] *= 1.0 - y[i] * y[i];
                }
                return;
            default:
                for (int i = 0; i < length; i++) {
                    d[i] *= f.derivativeFromOutput(y[i]);
                }
        }
    }

    private MlpTape checkTape(Tape tape, int batch) {
        if (!(tape instanceof MlpTape) || ((MlpTape) tape).owner != this) {
            throw new IllegalArgumentException("tape was not created by this network");
        }
        MlpTape t = (MlpTape) tape;
        if (batch < 0 || batch > t.capacity) {
            throw new IllegalArgumentException("batch " + batch + " exceeds tape capacity " + t.capacity);
        }
        return t;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < layers(); l++) {
            parts.add(sizes[l] + "->" + sizes[l + 1] + " " + activations[l].name().toLowerCase());
        }
        return "Mlp" + parts;
    }

    /**
     * The scratch memory of an {@link Mlp} for a batch: the input, per-layer outputs, tangents and deltas, each stored
     * feature-major (feature f of the current batch of B rows at [f·B, (f+1)·B)) for the kernels of {@link Gemm}.
     */
    public static final class MlpTape implements Tape {
        private final Mlp owner;
        private final int capacity;
        final double[] inputT;
        final double[] inputGradT;
        final double[][] outputs;
        final double[][] tangents;
        final double[][] deltas;
        /** Rows of the recorded forward pass, -1 before the first one. */
        int batch = -1;

        private MlpTape(Mlp owner, int capacity) {
            this.owner = owner;
            this.capacity = capacity;
            int layers = owner.layers();
            inputT = new double[capacity * owner.inputSize()];
            inputGradT = new double[capacity * owner.inputSize()];
            outputs = new double[layers][];
            tangents = new double[layers][];
            deltas = new double[layers][];
            for (int l = 0; l < layers; l++) {
                int n = owner.sizes[l + 1];
                outputs[l] = new double[capacity * n];
                tangents[l] = new double[capacity * n];
                deltas[l] = new double[capacity * n];
            }
        }

        @Override
        public int capacity() {
            return capacity;
        }
    }
}
