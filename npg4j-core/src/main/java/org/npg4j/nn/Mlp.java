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
 * ({@link #biasOffset(int)}). Layers follow each other without gaps. This layout makes every inner loop of the
 * forward and reverse passes run over contiguous memory.
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
        t.input = x;
        t.inputOffset = xOffset;
        double[] in = x;
        int inOff = xOffset;
        for (int l = 0; l < layers(); l++) {
            double[] y = t.outputs[l];
            affine(l, theta, thetaOffset, in, inOff, batch, y, 0);
            activate(activations[l], y, batch * sizes[l + 1]);
            in = y;
            inOff = 0;
        }
        System.arraycopy(t.outputs[layers() - 1], 0, out, outOffset, batch * outputSize());
    }

    @Override
    public void forwardTangent(double[] theta, int thetaOffset, double[] v, int vOffset, double[] x, int xOffset,
            int batch, double[] out, int outOffset, double[] outTangent, int outTangentOffset, Tape tape) {
        MlpTape t = checkTape(tape, batch);
        t.input = x;
        t.inputOffset = xOffset;
        double[] in = x;
        int inOff = xOffset;
        for (int l = 0; l < layers(); l++) {
            int n = sizes[l + 1];
            double[] y = t.outputs[l];
            double[] dy = t.tangents[l];
            affine(l, theta, thetaOffset, in, inOff, batch, y, 0);
            // d(xW + b) = dx W + x dW + db; the network input does not depend on θ, so dx = 0 at l = 0.
            affine(l, v, vOffset, in, inOff, batch, dy, 0);
            if (l > 0) {
                Gemm.addProduct(t.tangents[l - 1], 0, sizes[l], theta, thetaOffset + weightOffset(l), n, batch,
                        dy, 0);
            }
            Activation f = activations[l];
            activate(f, y, batch * n);
            if (f != Activation.IDENTITY) {
                for (int i = 0; i < batch * n; i++) {
                    dy[i] *= f.derivativeFromOutput(y[i]);
                }
            }
            in = y;
            inOff = 0;
        }
        System.arraycopy(t.outputs[layers() - 1], 0, out, outOffset, batch * outputSize());
        System.arraycopy(t.tangents[layers() - 1], 0, outTangent, outTangentOffset, batch * outputSize());
    }

    @Override
    public void backward(double[] theta, int thetaOffset, double[] g, int gOffset, int batch, double[] grad,
            int gradOffset, double[] gradInput, int gradInputOffset, Tape tape) {
        MlpTape t = checkTape(tape, batch);
        if (t.input == null) {
            throw new IllegalStateException("backward called before forward on this tape");
        }
        int last = layers() - 1;
        double[] delta = t.deltas[last];
        System.arraycopy(g, gOffset, delta, 0, batch * outputSize());
        multiplyByDerivative(activations[last], t.outputs[last], delta, batch * outputSize());
        for (int l = last; l >= 0; l--) {
            int k = sizes[l];
            int n = sizes[l + 1];
            double[] in = l == 0 ? t.input : t.outputs[l - 1];
            int inOff = l == 0 ? t.inputOffset : 0;
            delta = t.deltas[l];
            // ∂/∂W = xᵀ δ, ∂/∂b = Σ_r δ_r.
            Gemm.addTransposeProduct(in, inOff, k, delta, 0, n, batch, grad, gradOffset + weightOffset(l));
            int b = gradOffset + biasOffset(l);
            for (int r = 0; r < batch; r++) {
                int dr = r * n;
                for (int j = 0; j < n; j++) {
                    grad[b + j] += delta[dr + j];
                }
            }
            double[] target;
            int targetOff;
            if (l > 0) {
                target = t.deltas[l - 1];
                targetOff = 0;
            } else if (gradInput != null) {
                target = gradInput;
                targetOff = gradInputOffset;
            } else {
                break;
            }
            // ∂/∂x = δ Wᵀ, with Wᵀ materialized once so that the inner loop stays contiguous.
            Gemm.transpose(theta, thetaOffset + weightOffset(l), k, n, t.transposed);
            Arrays.fill(target, targetOff, targetOff + batch * k, 0.0);
            Gemm.addProduct(delta, 0, n, t.transposed, 0, k, batch, target, targetOff);
            if (l > 0) {
                multiplyByDerivative(activations[l - 1], t.outputs[l - 1], target, batch * k);
            }
        }
    }

    private void affine(int l, double[] theta, int thetaOffset, double[] in, int inOff, int batch, double[] y,
            int yOff) {
        int k = sizes[l];
        int n = sizes[l + 1];
        int b = thetaOffset + biasOffset(l);
        for (int r = 0; r < batch; r++) {
            System.arraycopy(theta, b, y, yOff + r * n, n);
        }
        Gemm.addProduct(in, inOff, k, theta, thetaOffset + weightOffset(l), n, batch, y, yOff);
    }

    private static void activate(Activation f, double[] y, int length) {
        switch (f) {
            case IDENTITY:
                return;
            case TANH:
                for (int i = 0; i < length; i++) {
                    y[i] = FastTanh.tanh(y[i]);
                }
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

    /** The scratch memory of an {@link Mlp}: per-layer outputs, tangents and deltas for a batch. */
    public static final class MlpTape implements Tape {
        private final Mlp owner;
        private final int capacity;
        final double[][] outputs;
        final double[][] tangents;
        final double[][] deltas;
        final double[] transposed;
        double[] input;
        int inputOffset;

        private MlpTape(Mlp owner, int capacity) {
            this.owner = owner;
            this.capacity = capacity;
            int layers = owner.layers();
            outputs = new double[layers][];
            tangents = new double[layers][];
            deltas = new double[layers][];
            int maxWeights = 0;
            for (int l = 0; l < layers; l++) {
                int n = owner.sizes[l + 1];
                outputs[l] = new double[capacity * n];
                tangents[l] = new double[capacity * n];
                deltas[l] = new double[capacity * n];
                maxWeights = Math.max(maxWeights, owner.sizes[l] * n);
            }
            transposed = new double[maxWeights];
        }

        @Override
        public int capacity() {
            return capacity;
        }
    }
}
