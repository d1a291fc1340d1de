package org.npg4j.mujoco.safety.nav;

/**
 * Safety-Gymnasium's pseudo-lidar ({@code _obs_lidar_pseudo}): {@code bins} sectors of equal angle around the robot,
 * sector 0 starting at the robot's heading (its x axis) and turning counter-clockwise. An object at egocentric
 * distance δ and angle φ ∈ [0, 2π) reads {@code max(0, maxDist − δ) / maxDist} in its sector {@code ⌊φ / w⌋}
 * (w = 2π / bins); with aliasing it also reads α times that in the next sector and (1 − α) times it in the previous
 * one, α = (φ − w·sector) / w. Every sector keeps the largest reading, so near objects hide far ones.
 *
 * <p>The egocentric vector is {@code (p − a)ᵀ R} truncated to x, y, with p the object's (x, y, 0), a the robot's
 * position and R its rotation matrix, as Safety-Gymnasium computes it (so a tilted Car sees a little of the height
 * difference). An angle that rounds up to 2π (a vector just below the heading) counts as 0, where Safety-Gymnasium
 * would index past its last sector.
 */
public final class Lidar {
    /** Safety-Gymnasium's defaults: 16 sectors, range 3, aliasing on. */
    public static final int BINS = 16;
    public static final double MAX_DIST = 3.0;

    private Lidar() {
    }

    /**
     * Adds the readings of {@code count} objects into {@code out[offset .. offset + bins)} (which the caller zeroes).
     *
     * @param agent   the robot's position (x, y, z)
     * @param mat     the robot's rotation matrix, row-major (9 values from {@code offsetMat})
     * @param points  object positions, {@code stride} values per object starting with x, y
     */
    public static void observe(double[] agent, double[] mat, int offsetMat, double[] points, int stride, int count,
            int bins, double maxDist, boolean alias, double[] out, int offset) {
        double width = 2 * Math.PI / bins;
        for (int i = 0; i < count; i++) {
            double vx = points[stride * i] - agent[0];
            double vy = points[stride * i + 1] - agent[1];
            double vz = -agent[2];
            double ex = vx * mat[offsetMat] + vy * mat[offsetMat + 3] + vz * mat[offsetMat + 6];
            double ey = vx * mat[offsetMat + 1] + vy * mat[offsetMat + 4] + vz * mat[offsetMat + 7];
            double dist = Math.hypot(ex, ey);
            double angle = Math.atan2(ey, ex);
            if (angle < 0) {
                angle += 2 * Math.PI;
            }
            int bin = (int) (angle / width);
            if (bin >= bins) {
                bin = 0;
                angle = 0;
            }
            double sensor = Math.max(0.0, maxDist - dist) / maxDist;
            out[offset + bin] = Math.max(out[offset + bin], sensor);
            if (alias) {
                double a = (angle - width * bin) / width;
                int plus = (bin + 1) % bins;
                int minus = (bin - 1 + bins) % bins;
                out[offset + plus] = Math.max(out[offset + plus], a * sensor);
                out[offset + minus] = Math.max(out[offset + minus], (1 - a) * sensor);
            }
        }
    }
}
