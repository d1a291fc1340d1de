package org.npg4j.nn;

/**
 * A differentiable map y = f_θ(x) from rows of {@link #inputSize()} to rows of {@link #outputSize()} reals, with
 * θ a slice of a caller-owned flat parameter vector. Batches are row-major: row r of a batch starts at
 * {@code offset + r * size}.
 *
 * <p>Three passes share one {@link Tape}: {@link #forward} records the batch, {@link #backward} (reverse mode,
 * vector-Jacobian product) consumes the last forward pass, {@link #forwardTangent} (forward mode,
 * Jacobian-vector product with respect to θ) computes y and J_θ v in one sweep. Arguments named {@code out…}
 * are written; {@code grad…} are accumulated into; everything else is read only.
 */
public interface ParametricFunction {
    int inputSize();

    int outputSize();

    int parameterCount();

    /** A tape for batches of up to {@code capacity} rows. */
    Tape newTape(int capacity);

    /** y = f_θ(x) for {@code batch} rows; records the pass on the tape. */
    void forward(double[] theta, int thetaOffset, double[] x, int xOffset, int batch, double[] out, int outOffset,
            Tape tape);

    /**
     * Reverse mode after {@link #forward} (or {@link #forwardTangent}) on the same tape, θ and x: accumulates
     * Σ_r J_θ(x_r)ᵀ g_r into {@code grad} (at {@code gradOffset}) and, if {@code gradInput} is not null, writes
     * J_x(x_r)ᵀ g_r into it. {@code g} (the gradient with respect to the outputs) is not modified.
     */
    void backward(double[] theta, int thetaOffset, double[] g, int gOffset, int batch, double[] grad,
            int gradOffset, double[] gradInput, int gradInputOffset, Tape tape);

    /**
     * Forward mode with respect to the parameters: writes y = f_θ(x) and the tangent J_θ(x_r) v for every row;
     * records the pass on the tape like {@link #forward}.
     */
    void forwardTangent(double[] theta, int thetaOffset, double[] v, int vOffset, double[] x, int xOffset,
            int batch, double[] out, int outOffset, double[] outTangent, int outTangentOffset, Tape tape);
}
