package org.npg4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SideThreadTest {
    @Test
    void runsTheHelpersPieceOnAnotherThreadAndReturnsWhenBothAreDone() {
        SideThread side = new SideThread("test-side", true);
        Thread me = Thread.currentThread();
        int onHelper = 0;
        for (int round = 0; round < 2000; round++) {
            long[] a = new long[1];
            long[] b = new long[1];
            AtomicReference<Thread> ran = new AtomicReference<>();
            int r = round;
            side.run(() -> {
                ran.set(Thread.currentThread());
                a[0] = sum(1000 + r);
            }, () -> b[0] = sum(2000 + r));
            // Both results visible here: the join is a happens-before edge.
            assertEquals(sum(1000 + r), a[0]);
            assertEquals(sum(2000 + r), b[0]);
            // The caller runs the piece itself when the helper has not taken it by then.
            onHelper += ran.get() != me ? 1 : 0;
        }
        assertTrue(onHelper > 0, "the helper ran pieces");
        // A piece that starts while the caller is busy runs on the helper.
        AtomicReference<Thread> ran = new AtomicReference<>();
        side.run(() -> ran.set(Thread.currentThread()), SideThreadTest::pause);
        assertNotEquals(me, ran.get());
    }

    @Test
    void theCallerRunsAPieceTheHelperHasNotTaken() {
        // No helper thread ever starts: every piece is left to the caller, which must run it, not wait for it.
        SideThread side = new SideThread("test-side-steal", true, false);
        for (int round = 0; round < 100; round++) {
            AtomicReference<Thread> ran = new AtomicReference<>();
            long[] a = new long[1];
            int r = round;
            side.run(() -> {
                ran.set(Thread.currentThread());
                a[0] = sum(r);
            }, () -> { });
            assertSame(Thread.currentThread(), ran.get());
            assertEquals(sum(r), a[0]);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> side.run(() -> {
            throw new IllegalStateException("taken piece failed");
        }, () -> { }));
        assertEquals("taken piece failed", e.getMessage());
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void sequentialModeRunsBothOnTheCaller() {
        SideThread side = new SideThread("test-side", false);
        AtomicReference<Thread> ran = new AtomicReference<>();
        side.run(() -> ran.set(Thread.currentThread()), () -> { });
        assertSame(Thread.currentThread(), ran.get());
    }

    @Test
    void exceptionsOfEitherPieceReachTheCallerAfterBothFinished() {
        SideThread side = new SideThread("test-side", true);
        boolean[] callerRan = new boolean[1];
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> side.run(() -> {
                    throw new IllegalStateException("helper failed");
                }, () -> callerRan[0] = true));
        assertEquals("helper failed", e.getMessage());
        assertTrue(callerRan[0]);
        boolean[] helperRan = new boolean[1];
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> side.run(() -> helperRan[0] = true, () -> {
                    throw new IllegalArgumentException("caller failed");
                }));
        assertEquals("caller failed", c.getMessage());
        assertTrue(helperRan[0]);
        // The helper survives a failed piece.
        long[] a = new long[1];
        side.run(() -> a[0] = sum(10), () -> { });
        assertEquals(55, a[0]);
    }

    @Test
    void aHelperThatEndedWhenIdleIsStartedAgain() throws InterruptedException {
        SideThread side = new SideThread("test-side-idle", true);
        AtomicReference<Thread> first = new AtomicReference<>();
        side.run(() -> first.set(Thread.currentThread()), SideThreadTest::pause);
        assertNotEquals(Thread.currentThread(), first.get());
        first.get().join(10_000);
        assertTrue(!first.get().isAlive(), "the idle helper ends");
        AtomicReference<Thread> second = new AtomicReference<>();
        side.run(() -> second.set(Thread.currentThread()), SideThreadTest::pause);
        assertNotEquals(first.get(), second.get());
        assertNotEquals(Thread.currentThread(), second.get());
    }

    private static long sum(int n) {
        long s = 0;
        for (int i = 1; i <= n; i++) {
            s += i;
        }
        return s;
    }
}
