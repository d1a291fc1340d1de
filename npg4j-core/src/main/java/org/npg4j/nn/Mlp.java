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
 * ({@link #biasOffset(int)}). Layers follow each other without gaps. Internally the tape holds one row array
 * per sample and the weights as row arrays (see {@link Gemm} for why); inputs and outputs of the public methods
 * are flat row-major batches.
 *
 * <p>Immutable and thread-safe; all mutable state lives in the caller's parameters and {@link Tape}s.
 */
public final class Mlp implements ParametricFunction {
    /** Layers narrower than this compute their forward pass by dot products (see {@link #forward}). */
    private static final int NARROW = 8;
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
        int k0 = inputSize();
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x, xOffset + b * k0, t.input[b], 0, k0);
        }
        t.batch = batch;
        t.jacobianBatch = -1;
        double[][] in = t.input;
        for (int l = 0; l < layers(); l++) {
            int k = sizes[l];
            int n = sizes[l + 1];
            double[][] y = t.outputs[l];
            int bias = thetaOffset + biasOffset(l);
            Activation f = activations[l];
            if (n < NARROW) {
                // A narrow layer (an output head): rows of length n are too short for a vector loop, so each output
                // is a dot product with a column of W instead.
                double[][] wt = t.transposedWeights[l];
                Gemm.toTransposedRows(theta, thetaOffset + weightOffset(l), k, n, wt);
                double[] bb = t.biasScratch;
                System.arraycopy(theta, bias, bb, 0, n);
                for (int b = 0; b < batch; b++) {
                    Gemm.dots(wt, n, in[b], k, bb, y[b], 0);
                }
            } else {
                double[][] w = t.weights[l];
                Gemm.toRows(theta, thetaOffset + weightOffset(l), k, n, w);
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(theta, bias, y[b], 0, n);
                }
                Gemm.addRowCombinations(in, batch, w, k, y, n, t.order);
            }
            activateRows(f, y, batch, n, t.activationScratch);
            in = y;
        }
        copyOut(t.outputs[layers() - 1], batch, out, outOffset);
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
        double[][] in = t.input;
        for (int l = 0; l < layers(); l++) {
            int k = sizes[l];
            int n = sizes[l + 1];
            double[][] y = t.outputs[l];
            double[][] dy = t.tangents[l];
            int bias = vOffset + biasOffset(l);
            Activation f = activations[l];
            if (n < NARROW) {
                // A narrow layer (an output head): dot products with the columns of W and dW, as in forward; the
                // row kernel would run its vector loop over only n entries.
                double[][] wt = t.transposedWeights[l];
                double[][] dwt = t.transposedWeightTangents[l];
                Gemm.toTransposedRows(theta, thetaOffset + weightOffset(l), k, n, wt);
                Gemm.toTransposedRows(v, vOffset + weightOffset(l), k, n, dwt);
                for (int b = 0; b < batch; b++) {
                    double[] xb = in[b];
                    double[] dyb = dy[b];
                    for (int j = 0; j < n; j++) {
                        double s = v[bias + j] + Gemm.dot(xb, dwt[j], k);
                        dyb[j] = l > 0 ? s + Gemm.dot(t.tangents[l - 1][b], wt[j], k) : s;
                    }
                    multiplyByDerivative(f, y[b], dyb, n);
                }
                in = y;
                continue;
            }
            double[][] w = t.weights[l];
            double[][] dw = t.weightTangents[l];
            Gemm.toRows(theta, thetaOffset + weightOffset(l), k, n, w);
            Gemm.toRows(v, vOffset + weightOffset(l), k, n, dw);
            // d(xW + b) = dx W + x dW + db; the network input does not depend on θ, so dx = 0 at l = 0. One pass per
            // matrix: W and dW together (2·8·k·n bytes, 64 KB at 64×64) would not stay in the L1 cache while the
            // rows stream by, each alone does.
            for (int b = 0; b < batch; b++) {
                System.arraycopy(v, bias, dy[b], 0, n);
            }
            Gemm.addRowCombinations(in, batch, dw, k, dy, n, t.order);
            if (l > 0) {
                Gemm.addRowCombinations(t.tangents[l - 1], batch, w, k, dy, n, t.order);
            }
            for (int b = 0; b < batch; b++) {
                multiplyByDerivative(f, y[b], dy[b], n);
            }
            in = y;
        }
        copyOut(t.tangents[layers() - 1], batch, outTangent, outTangentOffset);
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
        int nOut = outputSize();
        for (int b = 0; b < batch; b++) {
            double[] db = t.deltas[last][b];
            System.arraycopy(g, gOffset + b * nOut, db, 0, nOut);
            multiplyByDerivative(activations[last], t.outputs[last][b], db, nOut);
        }
        for (int l = last; l >= 0; l--) {
            int k = sizes[l];
            int n = sizes[l + 1];
            double[][] in = l == 0 ? t.input : t.outputs[l - 1];
            double[][] delta = t.deltas[l];
            accumulateLayerGradient(l, in, delta, batch, grad, gradOffset, t);
            if (l == 0 && gradInput == null) {
                break;
            }
            // ∂/∂x = δ Wᵀ, with Wᵀ held by rows so that the kernel's loads stay contiguous.
            double[][] wt = t.transposedWeights[l];
            Gemm.toTransposedRows(theta, thetaOffset + weightOffset(l), k, n, wt);
            double[][] target = l > 0 ? t.deltas[l - 1] : t.inputGradient;
            Gemm.setRowCombinations(delta, batch, wt, n, target, k, t.order);
            for (int b = 0; b < batch; b++) {
                double[] tb = target[b];
                if (l > 0) {
                    multiplyByDerivative(activations[l - 1], t.outputs[l - 1][b], tb, k);
                } else {
                    System.arraycopy(tb, 0, gradInput, gradInputOffset + b * k, k);
                }
            }
        }
    }

    /**
     * Records on the tape, for every row of the last {@link #forward} pass, the Jacobians Δ_l = ∂y/∂a_l of the
     * outputs y with respect to the pre-activation a_l = x_l W_l + b_l of each layer (one row of n_l entries per
     * output), so that Jacobian products with respect to θ factor by layers (chain rule: the parameters of layer l
     * move y only through a_l, with x_l held fixed):
     * <pre>
     *   J_θ(x) v = Σ_l Δ_l (x_l V_l + v_{b_l}),   J_θ(x)ᵀ u = (x_l ⊗ Δ_lᵀ u, Δ_lᵀ u)_l
     * </pre>
     * for V_l and v_{b_l} the parts of v at W_l and b_l. Costs one reverse pass per output. After it,
     * {@link #jacobianVectorProduct} and {@link #jacobianTransposeProduct} cost one matrix product per layer each,
     * where {@link #tangentOfLastForward} and {@link #backward} need two on every hidden layer (dx W and δ Wᵀ are
     * folded into Δ): the saving of conjugate gradient on Fisher-vector products, many products at one θ. The
     * records are valid until the next forward pass on this tape, for the θ of that pass.
     */
    public void recordJacobians(double[] theta, int thetaOffset, int batch, Tape tape) {
        MlpTape t = checkTape(tape, batch);
        if (t.batch != batch) {
            throw new IllegalArgumentException("Jacobians on " + batch + " rows after a forward pass on " + t.batch);
        }
        int last = layers() - 1;
        int outputs = outputSize();
        double[][][][] jac = t.jacobians();
        for (int b = 0; b < batch; b++) {
            double[][] rows = jac[last][b];
            for (int o = 0; o < outputs; o++) {
                Arrays.fill(rows[o], 0, outputs, 0.0);
                rows[o][o] = 1.0;
                multiplyByDerivative(activations[last], t.outputs[last][b], rows[o], outputs);
            }
        }
        for (int l = last; l > 0; l--) {
            // Δ_{l-1} = (Δ_l W_lᵀ) ⊙ f'_{l-1}: the reverse pass of backward, once per output.
            int k = sizes[l];
            int n = sizes[l + 1];
            double[][] wt = t.transposedWeights[l];
            Gemm.toTransposedRows(theta, thetaOffset + weightOffset(l), k, n, wt);
            Activation f = activations[l - 1];
            for (int b = 0; b < batch; b++) {
                double[][] from = jac[l][b];
                double[][] to = jac[l - 1][b];
                double[] y = t.outputs[l - 1][b];
                Gemm.setRowCombinations(from, outputs, wt, n, to, k, t.order);
                for (int o = 0; o < outputs; o++) {
                    multiplyByDerivative(f, y, to[o], k);
                }
            }
        }
        t.jacobianBatch = batch;
    }

    /**
     * Writes J_θ(x_r) v for every row of the pass recorded by {@link #recordJacobians} (the values of
     * {@link #tangentOfLastForward} up to rounding), as Σ_l Δ_l (x_l V_l + v_{b_l}).
     */
    public void jacobianVectorProduct(double[] v, int vOffset, int batch, double[] outTangent, int outTangentOffset,
            Tape tape) {
        MlpTape t = checkJacobians(tape, batch, "jacobianVectorProduct");
        int outputs = outputSize();
        Arrays.fill(outTangent, outTangentOffset, outTangentOffset + batch * outputs, 0.0);
        for (int l = 0; l < layers(); l++) {
            int k = sizes[l];
            int n = sizes[l + 1];
            double[][] in = l == 0 ? t.input : t.outputs[l - 1];
            double[][] da = t.tangents[l];
            int bias = vOffset + biasOffset(l);
            // da = x_l V_l + v_b: the change of a_l when only layer l's parameters move.
            if (n < NARROW) {
                double[][] dwt = t.transposedWeightTangents[l];
                Gemm.toTransposedRows(v, vOffset + weightOffset(l), k, n, dwt);
                double[] vb = t.biasScratch;
                System.arraycopy(v, bias, vb, 0, n);
                for (int b = 0; b < batch; b++) {
                    Gemm.dots(dwt, n, in[b], k, vb, da[b], 0);
                }
            } else {
                double[][] dw = t.weightTangents[l];
                Gemm.toRows(v, vOffset + weightOffset(l), k, n, dw);
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(v, bias, da[b], 0, n);
                }
                Gemm.addRowCombinations(in, batch, dw, k, da, n, t.order);
            }
            double[][][] jac = t.jacobians[l];
            double[] sum = t.outputScratch;
            for (int b = 0; b < batch; b++) {
                int o = outTangentOffset + b * outputs;
                Gemm.dots(jac[b], outputs, da[b], n, null, sum, 0);
                for (int j = 0; j < outputs; j++) {
                    outTangent[o + j] += sum[j];
                }
            }
        }
    }

    /**
     * Accumulates Σ_r J_θ(x_r)ᵀ u_r into {@code grad} for the rows of the pass recorded by {@link #recordJacobians}
     * (the parameter gradient of {@link #backward} with g = u, up to rounding): layer l receives x_lᵀ E_l and
     * Σ_r E_{l,r} with E_{l,r} = Δ_{l,r}ᵀ u_r. {@code u} is not modified.
     */
    public void jacobianTransposeProduct(double[] u, int uOffset, int batch, double[] grad, int gradOffset,
            Tape tape) {
        MlpTape t = checkJacobians(tape, batch, "jacobianTransposeProduct");
        int outputs = outputSize();
        double[] ur = t.outputScratch;
        for (int l = layers() - 1; l >= 0; l--) {
            int n = sizes[l + 1];
            double[][] in = l == 0 ? t.input : t.outputs[l - 1];
            double[][] e = t.deltas[l];
            double[][][] jac = t.jacobians[l];
            double[][] coefficients = t.oneRow;
            double[][] target = t.otherRow;
            coefficients[0] = ur;
            for (int b = 0; b < batch; b++) {
                System.arraycopy(u, uOffset + b * outputs, ur, 0, outputs);
                target[0] = e[b];
                Gemm.setRowCombinations(coefficients, 1, jac[b], outputs, target, n, t.order);
            }
            accumulateLayerGradient(l, in, e, batch, grad, gradOffset, t);
        }
    }

    private MlpTape checkJacobians(Tape tape, int batch, String what) {
        MlpTape t = checkTape(tape, batch);
        if (t.jacobianBatch != batch || t.batch != batch) {
            throw new IllegalStateException(what + " needs recordJacobians on the same " + batch
                    + " rows after the last forward pass");
        }
        return t;
    }

    /** ∂/∂W_l += xᵀ δ, ∂/∂b_l += Σ_r δ_r for the inputs x and pre-activation gradients δ of layer l. */
    private void accumulateLayerGradient(int l, double[][] in, double[][] delta, int batch, double[] grad,
            int gradOffset, MlpTape t) {
        int k = sizes[l];
        int n = sizes[l + 1];
        int wo = gradOffset + weightOffset(l);
        if (n < NARROW) {
            // Narrow layer: accumulate (xᵀδ)ᵀ = δᵀx, whose rows are k long, then add it transposed.
            double[][] gwt = t.transposedWeightGradients[l];
            for (int j = 0; j < n; j++) {
                Arrays.fill(gwt[j], 0, k, 0.0);
            }
            Gemm.addOuterProducts(delta, in, batch, n, k, gwt, t.order);
            for (int j = 0; j < n; j++) {
                double[] gj = gwt[j];
                for (int i = 0; i < k; i++) {
                    grad[wo + i * n + j] += gj[i];
                }
            }
        } else {
            double[][] gw = t.weightGradients[l];
            for (int i = 0; i < k; i++) {
                Arrays.fill(gw[i], 0, n, 0.0);
            }
            Gemm.addOuterProducts(in, delta, batch, k, n, gw, t.order);
            for (int i = 0; i < k; i++) {
                double[] gi = gw[i];
                int o = wo + i * n;
                for (int j = 0; j < n; j++) {
                    grad[o + j] += gi[j];
                }
            }
        }
        double[] gb = t.biasGradient;
        Arrays.fill(gb, 0, n, 0.0);
        for (int b = 0; b < batch; b++) {
            double[] db = delta[b];
            for (int j = 0; j < n; j++) {
                gb[j] += db[j];
            }
        }
        int bo = gradOffset + biasOffset(l);
        for (int j = 0; j < n; j++) {
            grad[bo + j] += gb[j];
        }
    }

    private static void copyOut(double[][] rows, int batch, double[] out, int outOffset) {
        for (int b = 0; b < batch; b++) {
            double[] r = rows[b];
            System.arraycopy(r, 0, out, outOffset + b * r.length, r.length);
        }
    }

    /**
     * Applies f to the first n entries of each row; tanh runs on a contiguous copy of the whole batch, since its
     * vector loop on 64-wide rows spends a third of its time in C2's scalar pre- and post-loops.
     */
    private static void activateRows(Activation f, double[][] y, int batch, int n, double[] scratch) {
        if (f == Activation.TANH) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(y[b], 0, scratch, b * n, n);
            }
            FastTanh.tanhInPlace(scratch, 0, batch * n);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(scratch, b * n, y[b], 0, n);
            }
        } else {
            for (int b = 0; b < batch; b++) {
                activate(f, y[b], n);
            }
        }
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
     * The scratch memory of an {@link Mlp} for a batch: the input, per-layer outputs, tangents and deltas as one row
     * per sample, and the current weights (and their tangent, transpose and gradient) as rows, the layout the
     * kernels of {@link Gemm} need; after {@link Mlp#recordJacobians}, the per-layer output Jacobians of each row.
     */
    public static final class MlpTape implements Tape {
        private final Mlp owner;
        private final int capacity;
        final double[][] input;
        final double[][] inputGradient;
        final double[][][] outputs;
        final double[][][] tangents;
        final double[][][] deltas;
        final double[][][] weights;
        final double[][][] weightTangents;
        final double[][][] transposedWeights;
        final double[][][] transposedWeightTangents;
        final double[][][] weightGradients;
        final double[][][] transposedWeightGradients;
        final double[] biasGradient;
        final double[] activationScratch;
        final double[] outputScratch;
        final double[] biasScratch;
        /** Scratch for the kernels' term order ({@link Gemm#rowOrder}, {@link Gemm#outerOrder}). */
        final int[] order;
        /** One-row views for the kernels' batched form, set before each use. */
        final double[][] oneRow = new double[1][];
        final double[][] otherRow = new double[1][];
        /** Rows of the recorded forward pass, -1 before the first one. */
        int batch = -1;
        /** Δ_l per layer, row and output (see {@link Mlp#recordJacobians}), allocated on first use. */
        double[][][][] jacobians;
        /** Rows whose Jacobians are recorded for the current forward pass, -1 if none. */
        int jacobianBatch = -1;

        private MlpTape(Mlp owner, int capacity) {
            this.owner = owner;
            this.capacity = capacity;
            int layers = owner.layers();
            input = new double[capacity][owner.inputSize()];
            inputGradient = new double[capacity][owner.inputSize()];
            outputs = new double[layers][][];
            tangents = new double[layers][][];
            deltas = new double[layers][][];
            weights = new double[layers][][];
            weightTangents = new double[layers][][];
            transposedWeights = new double[layers][][];
            transposedWeightTangents = new double[layers][][];
            weightGradients = new double[layers][][];
            transposedWeightGradients = new double[layers][][];
            int widest = 0;
            for (int l = 0; l < layers; l++) {
                int k = owner.sizes[l];
                int n = owner.sizes[l + 1];
                outputs[l] = new double[capacity][n];
                tangents[l] = new double[capacity][n];
                deltas[l] = new double[capacity][n];
                weights[l] = new double[k][n];
                weightTangents[l] = new double[k][n];
                transposedWeights[l] = new double[n][k];
                transposedWeightTangents[l] = new double[n][k];
                weightGradients[l] = new double[k][n];
                transposedWeightGradients[l] = new double[n][k];
                widest = Math.max(widest, n);
            }
            biasGradient = new double[widest];
            activationScratch = new double[capacity * widest];
            outputScratch = new double[owner.outputSize()];
            biasScratch = new double[widest];
            order = new int[Math.max(capacity, Math.max(widest, owner.inputSize()))];
        }

        double[][][][] jacobians() {
            if (jacobians == null) {
                int layers = owner.layers();
                jacobians = new double[layers][][][];
                for (int l = 0; l < layers; l++) {
                    jacobians[l] = new double[capacity][owner.outputSize()][owner.sizes[l + 1]];
                }
            }
            return jacobians;
        }

        @Override
        public int capacity() {
            return capacity;
        }
    }
}
