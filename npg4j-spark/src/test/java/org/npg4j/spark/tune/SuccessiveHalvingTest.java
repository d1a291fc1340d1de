package org.npg4j.spark.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {
    @Test
    void rungsSitAtBudgetTimesEtaToTheMinusK() {
        assertArrayEquals(new long[] {3000, 9000, 27000}, new SuccessiveHalving(27000, 3, 3).budgets());
        assertArrayEquals(new long[] {12500, 25000, 50000, 100000}, new SuccessiveHalving(100000, 2, 4).budgets());
        // Rounded, the last one exactly the budget.
        assertArrayEquals(new long[] {1111, 3333, 10000}, new SuccessiveHalving(10000, 3, 3).budgets());
        assertArrayEquals(new long[] {5000}, new SuccessiveHalving(5000, 3, 1).budgets());
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(100, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(100, 3, 0));
    }

    @Test
    void theTopOneOverEtaArePromotedAtLeastOne() {
        SuccessiveHalving sh = new SuccessiveHalving(27000, 3, 3);
        assertEquals(0, sh.quota(0));
        assertEquals(1, sh.quota(1));
        assertEquals(1, sh.quota(5));
        assertEquals(2, sh.quota(6));
        assertEquals(3, sh.quota(9));
        assertEquals(3, sh.quota(11));
        Map<Integer, Double> scores = new LinkedHashMap<>();
        double[] v = {10, 50, 30, 50, Double.NaN, 20, 45, 5, 1};
        for (int i = 0; i < v.length; i++) {
            scores.put(i, v[i]);
        }
        // Best three: 50 (trial 1), 50 (trial 3: ties go to the lower number first), 45 (trial 6).
        assertEquals(List.of(1, 3, 6), sh.promotions(scores, Set.of()));
        // Already promoted trials are not promoted twice.
        assertEquals(List.of(6), sh.promotions(scores, Set.of(1, 3)));
        // The quota counts the promoted ones: once the best three went on, nobody else does.
        assertEquals(List.of(), sh.promotions(scores, Set.of(1, 3, 6)));
        // A trial promoted earlier (when the rung had fewer trials) and no longer in the top keeps its place, and
        // takes none of the quota: the top three are still promoted.
        assertEquals(List.of(1, 3, 6), sh.promotions(scores, Set.of(8)));
    }

    @Test
    void aStudyPromotesAcrossRoundsAsAsha() {
        // 9 trials in one round, eta 3: 9 at rung 0, the best 3 at rung 1, the best 1 at rung 2.
        TuneSettings s = new TuneSettings("ppo", "CartPole-v1", 0, 27000, 3, 3, 5, "random", 0, 9, "zoo", "{}",
                List.of());
        FakeRunner runner = new FakeRunner(s, (p, k) -> (Double) p.get("vf_coef") + k);
        TuneStudy.Outcome r = TuneStudy.run(s, 9, runner);
        int[] atRung = new int[3];
        for (TrialTask t : runner.ran) {
            atRung[t.rung()]++;
        }
        assertArrayEquals(new int[] {9, 3, 1}, atRung);
        // The promoted ones are those of the highest vf_coef.
        List<TuneStudy.Trial> byScore = new java.util.ArrayList<>(r.trials());
        byScore.sort((a, b) -> Double.compare((Double) b.point().get("vf_coef"), (Double) a.point().get("vf_coef")));
        assertEquals(2, byScore.get(0).rung());
        assertEquals(1, byScore.get(1).rung());
        assertEquals(1, byScore.get(2).rung());
        assertEquals(0, byScore.get(3).rung());
        assertEquals(byScore.get(0), r.best(3));

        // In rounds of 3: each round promotes from everything recorded at a rung so far.
        TuneSettings rounds = new TuneSettings("ppo", "CartPole-v1", 0, 27000, 3, 3, 5, "random", 0, 3, "zoo", "{}",
                List.of());
        FakeRunner rr = new FakeRunner(rounds, (p, k) -> (Double) p.get("vf_coef") + k);
        TuneStudy.Outcome r3 = TuneStudy.run(rounds, 9, rr);
        Map<Integer, Integer> reached = new HashMap<>();
        for (TuneStudy.Trial t : r3.trials()) {
            reached.merge(t.rung(), 1, Integer::sum);
        }
        // Rung 0 ends with 9 trials, so at most 3 went on; each round finished at least one trial.
        int beyond0 = reached.getOrDefault(1, 0) + reached.getOrDefault(2, 0);
        assertEquals(3, beyond0);
        assertEquals(r3.trials().size(), 9);
        // Every task of rung k+1 followed a rung-k result of its trial.
        for (TrialTask t : rr.ran) {
            if (t.rung() > 0) {
                assertEquals(true, rr.ran.subList(0, rr.ran.indexOf(t)).stream()
                        .anyMatch(u -> u.trial() == t.trial() && u.rung() == t.rung() - 1));
            }
        }
    }

    @Test
    void withoutPruningEveryTrialIsComplete() {
        TuneSettings s = new TuneSettings("a2c", "CartPole-v1", 1, 5000, 3, 1, 5, "tpe", 2, 2, "zoo", "{}", List.of());
        FakeRunner runner = new FakeRunner(s, (p, k) -> (Double) p.get("vf_coef"));
        TuneStudy.Outcome r = TuneStudy.run(s, 5, runner);
        assertEquals(5, runner.ran.size());
        for (TuneStudy.Trial t : r.trials()) {
            assertEquals(0, t.rung());
        }
    }
}
