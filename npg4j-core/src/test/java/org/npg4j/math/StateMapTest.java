package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StateMapTest {
    @Test
    void scopesPrefixKeysAndShareStorage() {
        StateMap root = new StateMap();
        root.putLong("iterations", 3);
        StateMap env = root.scope("env").scope("env0");
        env.put("state", new double[] {1, 2}).putLong("rng", Long.MIN_VALUE + 1).put("flags", new boolean[] {true,
                false});
        assertEquals(List.of("env/env0/state", "env/env0/flags"), List.copyOf(root.arrays().keySet()));
        assertEquals(List.of("iterations", "env/env0/rng"), List.copyOf(root.longs().keySet()));
        assertEquals(Long.MIN_VALUE + 1, root.scope("env").scope("env0").longValue("rng"));
        assertArrayEquals(new boolean[] {true, false}, root.scope("env/env0").flags("flags", 2));
        assertArrayEquals(new double[] {1, 2}, root.doubles("env/env0/state", 2));
    }

    @Test
    void storedArraysAreCopies() {
        double[] x = {1};
        StateMap m = new StateMap().put("x", x);
        x[0] = 2;
        m.doubles("x", 1)[0] = 3;
        assertEquals(1.0, m.doubleValue("x"));
    }

    @Test
    void missingOrMisshapenEntriesAreNamed() {
        StateMap m = new StateMap().put("a", new double[3]).putLong("n", 7).put("f", new double[] {0.5});
        StateMap s = m.scope("x");
        assertEquals("checkpoint state has no array 'x/a'",
                assertThrows(IllegalArgumentException.class, () -> s.doubles("a", 3)).getMessage());
        assertEquals("checkpoint state 'a' has length 3, expected 4",
                assertThrows(IllegalArgumentException.class, () -> m.doubles("a", 4)).getMessage());
        assertEquals("checkpoint state has no integer 'x/n'",
                assertThrows(IllegalArgumentException.class, () -> s.longValue("n")).getMessage());
        assertEquals("checkpoint state 'n' is 7, expected a value in [0, 5]",
                assertThrows(IllegalArgumentException.class, () -> m.intValue("n", 0, 5)).getMessage());
        assertEquals("checkpoint state 'f' entry 0 is not a flag (0 or 1): 0.5",
                assertThrows(IllegalArgumentException.class, () -> m.flags("f", 1)).getMessage());
    }
}
