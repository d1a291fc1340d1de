package org.npg4j.mujoco;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ownership of the native memory behind {@link MjModel} and {@link MjData}. An {@code mjModel} is freed when its
 * {@link MjModel} and every {@link MjData} made from it are closed (or unreachable: the cleaner is the safety net for
 * objects nobody closed), so closing a model while data still use it is safe. The cleaning actions hold only these
 * handles, never the Java objects, as {@link Cleaner} requires.
 */
final class NativeHandles {
    static final Cleaner CLEANER = Cleaner.create();

    private NativeHandles() {
    }

    /** An {@code mjModel*} with a count of its owners: the model itself and each live data. */
    static final class Model {
        final long pointer;
        private final AtomicInteger owners = new AtomicInteger(1);

        Model(long pointer) {
            this.pointer = pointer;
        }

        void retain() {
            owners.incrementAndGet();
        }

        void release() {
            if (owners.decrementAndGet() == 0) {
                MujocoNative.deleteModel(pointer);
            }
        }
    }

    /** Releases one owner of a model exactly once (the model's own reference). */
    static final class ModelRelease implements Runnable {
        private final Model model;
        private final AtomicBoolean done = new AtomicBoolean();

        ModelRelease(Model model) {
            this.model = model;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                model.release();
            }
        }
    }

    /** Frees a simulation ({@code Sim*}: mjData and the shim's bookkeeping) and releases its model, exactly once. */
    static final class DataRelease implements Runnable {
        private final long sim;
        private final Model model;
        private final AtomicBoolean done = new AtomicBoolean();

        DataRelease(long sim, Model model) {
            this.sim = sim;
            this.model = model;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                MujocoNative.deleteData(sim);
                model.release();
            }
        }
    }
}
