package org.npg4j.spark.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuneStudyTest {
    static final TuneSettings SETTINGS = new TuneSettings("trpo", "CartPole-v1", 5, 9000, 3, 3, 5, "tpe", 4, 4,
            "zoo", "{}", List.of());

    static double objective(Map<String, Object> p, int rung) {
        return -Math.abs(Math.log10((Double) p.get("learning_rate")) + 3) + rung * 0.1
                + ((Integer) p.get("cg_max_steps")) / 30.0;
    }

    /** What a run of the study decided: per trial its point, rung and scores. */
    static List<String> summary(TuneStudy.Outcome r) {
        List<String> out = new ArrayList<>();
        for (TuneStudy.Trial t : r.trials()) {
            out.add(t.number() + " " + t.point() + " " + t.rung() + " " + t.scores());
        }
        return out;
    }

    /** Remembers results across runs (the run directories), and can be killed after a number of tasks. */
    static final class Store implements TrialRunner {
        final Map<String, TrialResult> recorded = new HashMap<>();
        final FakeRunner inner = new FakeRunner(SETTINGS, TuneStudyTest::objective);
        int killAfter = Integer.MAX_VALUE;
        int trained;

        @Override
        public List<TrialResult> run(List<TrialTask> tasks) {
            List<TrialResult> out = new ArrayList<>();
            for (TrialTask t : tasks) {
                String id = SETTINGS.runId(t);
                TrialResult r = recorded.get(id);
                if (r == null) {
                    if (trained == killAfter) {
                        throw new IllegalStateException("killed");
                    }
                    trained++;
                    r = inner.run(List.of(t)).get(0);
                    recorded.put(id, r);
                } else {
                    r = new TrialResult(r.trial(), r.rung(), r.scores(), r.timesteps(), r.wallSeconds(), true);
                }
                out.add(r);
            }
            return out;
        }
    }

    @Test
    void aKilledStudyRerunTrainsOnlyWhatIsMissingAndEndsTheSame() {
        Store whole = new Store();
        TuneStudy.Outcome uninterrupted = TuneStudy.run(SETTINGS, 14, whole);
        Store store = new Store();
        store.killAfter = 9;
        assertThrows(IllegalStateException.class, () -> TuneStudy.run(SETTINGS, 14, store));
        store.killAfter = Integer.MAX_VALUE;
        store.trained = 0;
        TuneStudy.Outcome resumed = TuneStudy.run(SETTINGS, 14, store);
        assertEquals(summary(uninterrupted), summary(resumed));
        assertEquals(whole.trained - 9, store.trained);
        assertEquals(9, resumed.reused());
        assertEquals(whole.trained - 9, resumed.trained());
    }

    @Test
    void moreTrialsExtendAStudyWhoseRoundsAreComplete() {
        Store store = new Store();
        TuneStudy.Outcome eight = TuneStudy.run(SETTINGS, 8, store);
        TuneStudy.Outcome twelve = TuneStudy.run(SETTINGS, 12, store);
        // Rounds of 4: the first two rounds are those of the 8-trial study, with the same points and scores (a trial
        // may go further in the third round's promotions); nothing of them trains again.
        for (int i = 0; i < 8; i++) {
            TuneStudy.Trial before = eight.trials().get(i);
            TuneStudy.Trial after = twelve.trials().get(i);
            assertEquals(before.point(), after.point());
            assertEquals(before.scores(), after.scores().headMap(before.rung() + 1));
        }
        assertEquals(12, twelve.trials().size());
        assertEquals(eight.trained(), twelve.reused());
    }

    @Test
    void theSeedDecidesTheStudy() {
        TuneStudy.Outcome a = TuneStudy.run(SETTINGS, 12, new FakeRunner(SETTINGS, TuneStudyTest::objective));
        TuneStudy.Outcome b = TuneStudy.run(SETTINGS, 12, new FakeRunner(SETTINGS, TuneStudyTest::objective));
        assertEquals(summary(a), summary(b));
        TuneSettings other = new TuneSettings("trpo", "CartPole-v1", 6, 9000, 3, 3, 5, "tpe", 4, 4, "zoo", "{}",
                List.of());
        TuneStudy.Outcome c = TuneStudy.run(other, 12, new FakeRunner(other, TuneStudyTest::objective));
        assertEquals(12, c.trials().size());
        assertEquals(false, summary(a).equals(summary(c)));
    }
}
