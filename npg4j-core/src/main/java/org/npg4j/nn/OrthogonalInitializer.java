package org.npg4j.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Orthogonal initialization (Saxe et al. 2014) as Stable-Baselines3 and CleanRL apply it: each weight matrix is
 * gain · Q, where Q comes from the QR decomposition of a standard Gaussian matrix with the signs of diag(R)
 * folded in (so Q is Haar-distributed); biases are 0. For an n_in×n_out matrix W (npg4j's layout) this gives
 * WᵀW = gain²·I when n_in ≥ n_out and WWᵀ = gain²·I otherwise.
 *
 * <p>The usual gains: √2 for hidden layers, 0.01 for a policy head, 1 for a value head ({@link #policyGains},
 * {@link #valueGains}).
 */
public final class OrthogonalInitializer {
    public static final double HIDDEN_GAIN = Math.sqrt(2.0);
    public static final double POLICY_HEAD_GAIN = 0.01;
    public static final double VALUE_HEAD_GAIN = 1.0;

    private OrthogonalInitializer() {
    }

    /** Gains √2 for every hidden layer and {@code headGain} for the output layer. */
    public static double[] gains(Mlp mlp, double headGain) {
        double[] g = new double[mlp.layers()];
        Arrays.fill(g, HIDDEN_GAIN);
        g[g.length - 1] = headGain;
        return g;
    }

    public static double[] policyGains(Mlp mlp) {
        return gains(mlp, POLICY_HEAD_GAIN);
    }

    public static double[] valueGains(Mlp mlp) {
        return gains(mlp, VALUE_HEAD_GAIN);
    }

    /**
     * Writes orthogonal weights scaled by {@code gains[l]} and zero biases into the network's slice of
     * {@code theta} starting at {@code offset}, drawing from {@code rng} layer by layer.
     */
    public static void initialize(Mlp mlp, double[] theta, int offset, double[] gains, RandomGenerator rng) {
        if (gains.length != mlp.layers()) {
            throw new IllegalArgumentException("expected " + mlp.layers() + " gains, got " + gains.length);
        }
        for (int l = 0; l < mlp.layers(); l++) {
            int k = mlp.size(l);
            int n = mlp.size(l + 1);
            double[] w = orthogonal(k, n, gains[l], rng);
            System.arraycopy(w, 0, theta, offset + mlp.weightOffset(l), k * n);
            Arrays.fill(theta, offset + mlp.biasOffset(l), offset + mlp.biasOffset(l) + n, 0.0);
        }
    }

    /** A rows×cols row-major matrix with orthonormal columns (rows ≥ cols) or rows (rows &lt; cols), times gain. */
    public static double[] orthogonal(int rows, int cols, double gain, RandomGenerator rng) {
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        DMatrixRMaj a = new DMatrixRMaj(m, n);
        for (int i = 0; i < m * n; i++) {
            a.data[i] = rng.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
        if (!qr.decompose(a)) {
            throw new IllegalStateException("QR decomposition failed for a " + m + "x" + n + " Gaussian matrix");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        double[] out = new double[rows * cols];
        for (int j = 0; j < n; j++) {
            double sign = r.get(j, j) < 0 ? -gain : gain;
            for (int i = 0; i < m; i++) {
                double v = q.get(i, j) * sign;
                if (rows >= cols) {
                    out[i * cols + j] = v;
                } else {
                    out[j * cols + i] = v;
                }
            }
        }
        return out;
    }
}
