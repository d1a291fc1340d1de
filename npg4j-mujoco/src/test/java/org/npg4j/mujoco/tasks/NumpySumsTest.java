package org.npg4j.mujoco.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class NumpySumsTest {
    @Test
    void fewerThanEightFloat32SquaresAreAddedLeftToRightInFloat32() {
        // 1 + 2^-24 + 2^-24 is 1 in float32 (each half-ulp addition rounds to even), but not in float64.
        double tiny = Math.sqrt(0x1p-24);
        double[] a = {1.0, tiny, tiny};
        float expected = (1.0f + (float) (tiny * tiny)) + (float) (tiny * tiny);
        assertEquals(1.0, expected);
        assertEquals(expected, NumpySums.float32SumOfSquares(a));
        assertNotEquals(1.0, 1.0 + 0x1p-24 + 0x1p-24);
    }

    @Test
    void eightFloat32SquaresAreAddedAsABalancedTree() {
        // Left to right the seven tiny squares vanish one by one against 1; the tree adds them to each other first.
        double tiny = Math.sqrt(0x1p-24);
        double[] a = {1.0, tiny, tiny, tiny, tiny, tiny, tiny, tiny};
        float t = 0x1p-24f;
        float tree = ((1.0f + t) + (t + t)) + ((t + t) + (t + t));
        assertEquals(tree, NumpySums.float32SumOfSquares(a));
        assertNotEquals(1.0, tree);
    }

    @Test
    void doubleSumsUseEightAccumulatorsThenTheTail() {
        // 17 terms (Humanoid's controls): accumulators r_j = a_j + a_{8+j}, a balanced tree, then a_16.
        double[] a = new double[17];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1.0 / (i + 3.0);
        }
        double[] r = new double[8];
        for (int j = 0; j < 8; j++) {
            r[j] = a[j] + a[8 + j];
        }
        double expected = (((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))) + a[16];
        assertEquals(expected, NumpySums.sum(a, 0, 17));
        double[] squares = new double[17];
        for (int i = 0; i < 17; i++) {
            squares[i] = a[i] * a[i];
        }
        assertEquals(NumpySums.sum(squares, 0, 17), NumpySums.sumOfSquares(a, 0, 17));
    }

    @Test
    void longSumsSplitIntoHalvesThatAreMultiplesOfEight() {
        double[] a = new double[300];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sin(i) * 1e3 + 1.0 / (i + 1.0);
        }
        // 300 = 144 + 156 (half rounded down to a multiple of 8); 144 = 72 + 72 and 156 = 72 + 84, all <= 128.
        double expected = (NumpySums.sum(a, 0, 72) + NumpySums.sum(a, 72, 72))
                + (NumpySums.sum(a, 144, 72) + NumpySums.sum(a, 216, 84));
        assertEquals(expected, NumpySums.sum(a, 0, 300));
    }

    @Test
    void normIsTheSquareRootOfTheDotProduct() {
        assertEquals(5.0, NumpySums.norm(3.0, 4.0));
        assertEquals(Math.sqrt(0.1 * 0.1 + 0.2 * 0.2 + 0.3 * 0.3), NumpySums.norm(0.1, 0.2, 0.3));
    }
}
