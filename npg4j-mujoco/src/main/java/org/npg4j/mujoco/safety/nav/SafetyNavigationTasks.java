package org.npg4j.mujoco.safety.nav;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.npg4j.env.EnvProvider;
import org.npg4j.env.EnvSpec;

/**
 * Safety-Gymnasium's navigation tasks on MuJoCo as registry entries: {@code Safety{Point,Car}Goal{1,2}-v0} and
 * {@code Safety{Point,Car}Button1-v0} (time limit 1000) and {@code Safety{Point,Car}Circle1-v0} (500), one cost each.
 * Listing them needs no MuJoCo, making one does.
 */
public final class SafetyNavigationTasks implements EnvProvider {
    @Override
    public List<EnvSpec> envs() {
        List<EnvSpec> specs = new ArrayList<>();
        for (Robot robot : Robot.values()) {
            String r = robot.label();
            for (int level = 1; level <= 2; level++) {
                int lv = level;
                String id = "Safety" + r + "Goal" + level + "-v0";
                String what = level == 1 ? "8 hazards and 1 free vase" : "10 hazards and 10 vases that cost when hit";
                specs.add(new EnvSpec(id, r.toLowerCase(java.util.Locale.ROOT) + " robot reaching respawning goals "
                        + "among " + what + ", cost 1 per step in violation (Safety-Gymnasium Goal" + level
                        + ", MuJoCo)", 1000, Set.of(), (k, steps) -> new GoalTask(id, robot, lv, steps)));
            }
            String button = "Safety" + r + "Button1-v0";
            specs.add(new EnvSpec(button, r.toLowerCase(java.util.Locale.ROOT) + " robot pressing goal buttons among "
                    + "4 hazards and 4 moving gremlins, cost 1 per step in a hazard, touching a gremlin or a wrong "
                    + "button (Safety-Gymnasium Button1, MuJoCo)", 1000, Set.of(),
                    (k, steps) -> new ButtonTask(button, robot, steps)));
            String circle = "Safety" + r + "Circle1-v0";
            specs.add(new EnvSpec(circle, r.toLowerCase(java.util.Locale.ROOT) + " robot running around a circle of "
                    + "radius 1.5, cost 1 per step beyond the walls at |x| = 1.125 (Safety-Gymnasium Circle1, MuJoCo)",
                    500, Set.of(), (k, steps) -> new CircleTask(circle, robot, steps)));
        }
        return specs;
    }
}
