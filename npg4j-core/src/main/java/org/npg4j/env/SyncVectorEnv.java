package org.npg4j.env;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A {@link VectorEnv} stepping its envs one after the other on the calling thread. */
public final class SyncVectorEnv extends AbstractVectorEnv {
    public SyncVectorEnv(List<? extends Env> envs) {
        super(envs);
    }

    /** {@code numEnvs} envs from {@code factory}. */
    public static SyncVectorEnv of(Supplier<? extends Env> factory, int numEnvs) {
        return new SyncVectorEnv(make(factory, numEnvs));
    }

    static List<Env> make(Supplier<? extends Env> factory, int numEnvs) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
        }
        List<Env> list = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            list.add(factory.get());
        }
        return list;
    }

    @Override
    public void reset(long seed) {
        resetRange(0, n, true, seed);
    }

    @Override
    public void reset() {
        resetRange(0, n, false, 0L);
    }

    @Override
    public void step(int[] actions) {
        checkActions(actions);
        stepRange(0, n);
    }

    @Override
    public void step(double[] actions) {
        checkActions(actions);
        stepRange(0, n);
    }

    @Override
    public void close() {
        closeEnvs();
    }
}
