package org.npg4j.env;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A {@link VectorEnv} stepping its envs on a fixed pool of worker threads: the envs are split into contiguous
 * blocks, one per thread; the calling thread steps block 0 and {@code threads - 1} daemon workers the others. A call
 * publishes its command by a volatile epoch counter and waits for a countdown; waiting threads spin briefly, then
 * park. No thread is created per step and nothing is allocated per step. Each env has its own generator and a
 * fixed block, so results equal {@link SyncVectorEnv}'s for any number of threads.
 *
 * <p>Worth it when a step costs microseconds (Box2D, large networks in the env); for classic control the hand-off
 * costs more than the step. Not thread-safe: one caller at a time. Close it to stop the workers.
 */
public final class ThreadedVectorEnv extends AbstractVectorEnv {
    private static final int SPINS = 1 << 10;
    private static final int RESET_SEEDED = 0;
    private static final int RESET = 1;
    private static final int STEP = 2;
    private static final int CLOSE = 3;

    private final int[] blockStart;
    private final Thread[] workers;
    private final AtomicInteger remaining = new AtomicInteger();
    private final Throwable[] failures;
    private volatile long epoch;
    private volatile Thread caller;
    private int command;
    private long seed;
    private boolean closed;

    /**
     * @param threads the number of threads stepping envs, the caller included (at most the number of envs is used)
     */
    public ThreadedVectorEnv(List<? extends Env> envs, int threads) {
        super(envs);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int t = Math.min(threads, n);
        this.blockStart = new int[t + 1];
        for (int k = 0; k <= t; k++) {
            blockStart[k] = (int) ((long) n * k / t);
        }
        this.workers = new Thread[t - 1];
        this.failures = new Throwable[t];
        for (int k = 1; k < t; k++) {
            int block = k;
            Thread w = new Thread(() -> work(block), "npg4j-vector-env-" + k);
            w.setDaemon(true);
            workers[k - 1] = w;
        }
        for (Thread w : workers) {
            w.start();
        }
    }

    public static ThreadedVectorEnv of(Supplier<? extends Env> factory, int numEnvs, int threads) {
        return new ThreadedVectorEnv(SyncVectorEnv.make(factory, numEnvs), threads);
    }

    /** Threads stepping envs, the caller included. */
    public int threads() {
        return blockStart.length - 1;
    }

    private void work(int block) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (epoch == seen) {
                if (spins++ < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = epoch;
            if (command == CLOSE) {
                remaining.decrementAndGet();
                LockSupport.unpark(caller);
                return;
            }
            try {
                runBlock(block);
            } catch (Throwable t) {
                failures[block] = t;
            }
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void runBlock(int block) {
        int from = blockStart[block];
        int to = blockStart[block + 1];
        switch (command) {
            case RESET_SEEDED -> resetRange(from, to, true, seed);
            case RESET -> resetRange(from, to, false, 0L);
            default -> stepRange(from, to);
        }
    }

    private void run(int cmd) {
        if (closed) {
            throw new IllegalStateException(envs[0].id() + ": the vector env is closed");
        }
        command = cmd;
        caller = Thread.currentThread();
        remaining.set(workers.length);
        epoch = epoch + 1;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        try {
            runBlock(0);
        } catch (RuntimeException | Error e) {
            failures[0] = e;
        }
        awaitWorkers();
        rethrow();
    }

    private void awaitWorkers() {
        int spins = 0;
        while (remaining.get() != 0) {
            if (spins++ < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void rethrow() {
        for (int k = 0; k < failures.length; k++) {
            Throwable t = failures[k];
            if (t != null) {
                for (int j = k; j < failures.length; j++) {
                    failures[j] = null;
                }
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(t);
            }
        }
    }

    @Override
    public void reset(long seed) {
        this.seed = seed;
        run(RESET_SEEDED);
    }

    @Override
    public void reset() {
        run(RESET);
    }

    @Override
    public void step(int[] actions) {
        checkActions(actions);
        run(STEP);
    }

    @Override
    public void step(double[] actions) {
        checkActions(actions);
        run(STEP);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        command = CLOSE;
        caller = Thread.currentThread();
        remaining.set(workers.length);
        epoch = epoch + 1;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        awaitWorkers();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        closeEnvs();
    }
}
