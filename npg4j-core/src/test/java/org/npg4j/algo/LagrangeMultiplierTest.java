package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.math.StateMap;

class LagrangeMultiplierTest {
    private static LagrangeMultiplier sgd(double init, double lr, double... limits) {
        return new LagrangeMultiplier(LagrangianConfig.builder().costLimits(limits).multiplierInit(init).lambdaLr(lr)
                .optimizer(LagrangianConfig.Optimizer.SGD).build());
    }

    @Test
    void gradientAscentMovesWithTheViolationAndProjectsAtZero() {
        LagrangeMultiplier m = sgd(0.5, 0.1, 10.0);
        assertEquals(0.5, m.values()[0]);
        m.update(new double[] {13.0}); // violated by 3: λ = 0.5 + 0.1·3
        assertEquals(0.8, m.values()[0], 1e-15);
        m.update(new double[] {9.0}); // slack 1: λ = 0.8 − 0.1
        assertEquals(0.7, m.values()[0], 1e-15);
        m.update(new double[] {0.0}); // slack 10: 0.7 − 1 < 0, projected to 0
        assertEquals(0.0, m.values()[0]);
        m.update(new double[] {2.0});
        assertEquals(0.0, m.values()[0], "stays at the boundary while the constraint holds");
        m.update(new double[] {10.0});
        assertEquals(0.0, m.values()[0], "Ĵ_c = b: no move");
    }

    @Test
    void adamStepsByTheLearningRateAscendingTheViolationAndProjects() {
        LagrangeMultiplier m = new LagrangeMultiplier(LagrangianConfig.builder().costLimits(25, 1)
                .multiplierInit(0.001).lambdaLr(0.035).build());
        // Adam's first step is lr·g/(|g| + ε): 0.035 whatever the size of the violation, in its direction.
        m.update(new double[] {125.0, 0.5});
        assertEquals(0.001 + 0.035, m.values()[0], 1e-9);
        assertEquals(0.0, m.values()[1], "0.001 − 0.035 < 0 projected to 0");
        for (int k = 0; k < 20; k++) {
            double before = m.values()[0];
            m.update(new double[] {30.0, 0.0});
            assertTrue(m.values()[0] > before, "λ_1 keeps growing while violated, update " + k);
            assertEquals(0.0, m.values()[1]);
        }
        double high = m.values()[0];
        for (int k = 0; k < 20; k++) {
            m.update(new double[] {10.0, 0.0});
        }
        // Adam's momentum delays the turn by a few updates (as in OmniSafe), then λ_1 falls.
        assertTrue(m.values()[0] < high, "λ_1 falls once satisfied");
        assertEquals(m.values()[0] + m.values()[1], m.sum());
    }

    @Test
    void pidFollowsStookesRecursionOnAScriptedCostSequence() {
        double kp = 0.1;
        double ki = 0.01;
        double kd = 0.05;
        double b = 10;
        LagrangeMultiplier m = new LagrangeMultiplier(LagrangianConfig.builder().costLimits(b).multiplierInit(0.3)
                .method(LagrangianConfig.Method.PID).pid(kp, ki, kd).build());
        assertEquals(0.3, m.values()[0], "the initial multiplier until the first update");
        double[] costs = {15, 20, 12, 4, 2, 1, 30};
        // Hand-computed: Δ = J − b; I ← max(0, I + Δ); ∂ = max(0, J − J_prev) with J_prev = 0 at first;
        // λ = max(0, kp Δ + ki I + kd ∂).
        double[] integral = {5, 15, 17, 11, 3, 0, 20};
        double[] derivative = {15, 5, 0, 0, 0, 0, 29};
        for (int k = 0; k < costs.length; k++) {
            m.update(new double[] {costs[k]});
            double delta = costs[k] - b;
            double expected = Math.max(0, kp * delta + ki * integral[k] + kd * derivative[k]);
            assertEquals(expected, m.values()[0], 1e-12, "update " + k);
        }
        // Spot checks of the hand arithmetic: update 3 is 0.1·(−6) + 0.01·11 = −0.49 → 0; update 6 is 2 + 0.2 + 1.45.
        assertEquals(3.65, m.values()[0], 1e-12);
    }

    @Test
    void pidWithOnlyTheIntegralTermIsProjectedIntegralControl() {
        LagrangeMultiplier m = new LagrangeMultiplier(LagrangianConfig.builder().costLimits(1)
                .method(LagrangianConfig.Method.PID).pid(0, 0.5, 0).build());
        m.update(new double[] {3});
        assertEquals(1.0, m.values()[0], 1e-15);
        m.update(new double[] {0});
        assertEquals(0.5, m.values()[0], 1e-15);
        m.update(new double[] {-10});
        assertEquals(0.0, m.values()[0], "the integral is projected at 0, not carried negative");
        m.update(new double[] {2});
        assertEquals(0.5, m.values()[0], 1e-15);
    }

    @Test
    void anUnknownConstraintValueLeavesEverythingUnchanged() {
        for (LagrangianConfig.Method method : LagrangianConfig.Method.values()) {
            LagrangeMultiplier m = new LagrangeMultiplier(LagrangianConfig.builder().costLimits(5).method(method)
                    .multiplierInit(0.2).build());
            assertFalse(m.update(new double[] {Double.NaN}));
            assertEquals(0.2, m.values()[0], method.toString());
            assertTrue(m.update(new double[] {50}));
            StateMap before = new StateMap();
            m.writeCheckpoint(before);
            assertFalse(m.update(new double[] {Double.NaN}));
            StateMap after = new StateMap();
            m.writeCheckpoint(after);
            for (String k : before.arrays().keySet()) {
                assertArrayEquals(before.arrays().get(k), after.arrays().get(k), method + " " + k);
            }
        }
    }

    @Test
    void checkpointRestoresTheMultipliersAndTheControllersMemory() {
        for (LagrangianConfig.Method method : LagrangianConfig.Method.values()) {
            LagrangianConfig c = LagrangianConfig.builder().costLimits(5, 2).method(method).build();
            LagrangeMultiplier a = new LagrangeMultiplier(c);
            a.update(new double[] {9, 1});
            a.update(new double[] {12, 4});
            StateMap state = new StateMap();
            a.writeCheckpoint(state);
            LagrangeMultiplier b = new LagrangeMultiplier(c);
            b.readCheckpoint(state);
            assertArrayEquals(a.values(), b.values());
            for (double[] j : new double[][] {{3, 8}, {20, 0}, {7, 2}}) {
                a.update(j);
                b.update(j);
                assertArrayEquals(a.values(), b.values(), method.toString());
            }
        }
    }

    @Test
    void invalidSettingsFailNamingTheKey() {
        assertEquals("cost_limit[1] must be finite and non-negative, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> LagrangianConfig.builder().costLimits(2, -1).build()).getMessage());
        assertEquals("lambda_lr must be positive, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> LagrangianConfig.builder().lambdaLr(0).build()).getMessage());
        assertEquals("lagrangian_multiplier_init must be non-negative, got -0.1", assertThrows(
                IllegalArgumentException.class, () -> LagrangianConfig.builder().multiplierInit(-0.1).build())
                .getMessage());
        assertEquals("pid_ki must be non-negative, got NaN", assertThrows(IllegalArgumentException.class,
                () -> LagrangianConfig.builder().pid(0.1, Double.NaN, 0).build()).getMessage());
        assertEquals("lagrangian must be gradient or pid, got \"pi\"", assertThrows(IllegalArgumentException.class,
                () -> LagrangianConfig.method("pi")).getMessage());
        assertEquals("lambda_optimizer must be adam or sgd, got \"Adam\"", assertThrows(
                IllegalArgumentException.class, () -> LagrangianConfig.optimizer("Adam")).getMessage());
        assertEquals("expected 1 constraint values, got 2", assertThrows(IllegalArgumentException.class,
                () -> sgd(0, 1, 3).update(new double[] {1, 2})).getMessage());
    }
}
