package org.npg4j.math;

/** A symmetric linear map applied matrix-free: out = A x (out is overwritten, x is not modified). */
@FunctionalInterface
public interface LinearOperator {
    void apply(double[] x, double[] out);
}
