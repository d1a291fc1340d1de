package org.npg4j.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs two independent pieces of work at once: one on a persistent helper thread, the other on the calling thread
 * (for example the critic's forward and backward passes beside the actor's). The two must touch disjoint memory;
 * each writes what it would write when run alone, so results are the same bits with or without the helper.
 *
 * <p>The helper thread is started on first use, waits for the next piece by spinning briefly and then parking
 * (hand-offs every few hundred microseconds cost no thread start and no queue), and ends after about a second
 * without work, to be started again when needed. A piece the helper has not begun when the caller has finished its
 * own is run by the caller: on a busy machine, where the helper may wait milliseconds for a processor, the pair
 * then costs what running both in turn costs instead of the wait. It is a daemon thread. With {@code -Dnpg4j.threads=1}, or on a
 * single processor, {@link #run} runs both pieces on the calling thread, the helper's first.
 *
 * <p>One instance serves one calling thread at a time; it is not for concurrent callers.
 */
public final class SideThread {
    /** Threads a training process may use for its network passes: the property {@code npg4j.threads}, default 2. */
    public static final int THREADS = threads();
    private static final long SPIN_NANOS = 50_000;
    private static final long IDLE_EXIT_NANOS = 1_000_000_000L;
    private static final VarHandle WORKER;
    private static final VarHandle TASK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WORKER = l.findVarHandle(SideThread.class, "worker", Thread.class);
            TASK = l.findVarHandle(SideThread.class, "task", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final boolean parallel;
    private final boolean startHelper;
    private volatile Thread worker;
    private volatile Runnable task;
    private volatile boolean done;
    private volatile Throwable failure;
    private volatile Thread caller;

    /** A side thread named {@code name} (the helper's thread name), used when {@link #THREADS} is at least 2. */
    public SideThread(String name) {
        this(name, THREADS >= 2);
    }

    /** As {@link #SideThread(String)}, with the helper used only when {@code parallel} (tests compare both). */
    public SideThread(String name, boolean parallel) {
        this(name, parallel, true);
    }

    /** With {@code startHelper} false no helper thread ever starts: the caller takes every piece (tests). */
    SideThread(String name, boolean parallel, boolean startHelper) {
        this.name = name;
        this.parallel = parallel;
        this.startHelper = startHelper;
    }

    /** Whether {@link #run} uses the helper thread. */
    public boolean parallel() {
        return parallel;
    }

    private static int threads() {
        String p = System.getProperty("npg4j.threads");
        int cpus = Runtime.getRuntime().availableProcessors();
        if (p == null || p.isBlank()) {
            return Math.min(2, cpus);
        }
        try {
            return Math.max(1, Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("npg4j.threads must be a whole number, got '" + p + "'");
        }
    }

    /**
     * Runs {@code onHelper} on the helper thread and {@code onCaller} on this thread, and returns when both have
     * finished. An exception of either is rethrown here (the caller's first), after both have finished.
     */
    public void run(Runnable onHelper, Runnable onCaller) {
        if (!parallel) {
            onHelper.run();
            onCaller.run();
            return;
        }
        caller = Thread.currentThread();
        failure = null;
        done = false;
        task = onHelper; // published last: a helper that sees it sees the resets above
        wake();
        Throwable own = null;
        try {
            onCaller.run();
        } catch (RuntimeException | Error e) {
            own = e;
        }
        if (TASK.compareAndSet(this, onHelper, (Runnable) null)) {
            // The helper has not taken the piece (not scheduled yet on a busy machine): run it here rather than
            // wait for it. Whoever empties the slot runs the piece.
            try {
                onHelper.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            done = true;
        }
        awaitDone();
        Throwable other = failure;
        failure = null;
        if (own != null) {
            if (other != null && other != own) {
                own.addSuppressed(other);
            }
            throw sneaky(own);
        }
        if (other != null) {
            throw sneaky(other);
        }
    }

    private static RuntimeException sneaky(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    private void wake() {
        while (startHelper) {
            Thread w = worker;
            if (w != null) {
                LockSupport.unpark(w);
                return;
            }
            Thread t = new Thread(this::loop, name);
            t.setDaemon(true);
            if (WORKER.compareAndSet(this, (Thread) null, t)) {
                t.start();
                return;
            }
        }
    }

    private void awaitDone() {
        long start = System.nanoTime();
        int spins = 0;
        while (!done) {
            if (++spins < 64 || System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                // The helper unparks this thread when done; the timeout only guards against a lost wake-up.
                LockSupport.parkNanos(this, 1_000_000);
                if (worker == null && !done && task != null) {
                    wake(); // the helper ended as the piece was posted; start another to take it
                }
            }
        }
    }

    private void loop() {
        Thread me = Thread.currentThread();
        long idleSince = System.nanoTime();
        while (true) {
            Runnable r = task;
            if (r != null && TASK.compareAndSet(this, r, (Runnable) null)) {
                try {
                    r.run();
                } catch (Throwable t) {
                    failure = t;
                }
                done = true;
                LockSupport.unpark(caller);
                idleSince = System.nanoTime();
                continue;
            }
            long idle = System.nanoTime() - idleSince;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (idle < IDLE_EXIT_NANOS) {
                LockSupport.parkNanos(this, IDLE_EXIT_NANOS - idle);
            } else {
                // Leave the slot; if a piece was posted meanwhile, take the slot back unless a new helper has it.
                WORKER.compareAndSet(this, me, (Thread) null);
                if (task == null || !WORKER.compareAndSet(this, (Thread) null, me)) {
                    return;
                }
                idleSince = System.nanoTime();
            }
            if (worker != me) {
                return;
            }
        }
    }
}
