package org.npg4j.nn;

/**
 * Global gradient-norm clipping as PyTorch's {@code clip_grad_norm_} (SB3's {@code max_grad_norm}): with
 * n = ‖g‖₂ and c = max_norm / (n + 1e-6), g ← c·g when c &lt; 1.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Clips {@code gradient} in place and returns its norm before clipping. */
    public static double clipGradNormInPlace(double[] gradient, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max_grad_norm must be positive, got " + maxNorm);
        }
        double s = 0.0;
        for (double g : gradient) {
            s += g * g;
        }
        double norm = Math.sqrt(s);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1.0) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= coef;
            }
        }
        return norm;
    }
}
