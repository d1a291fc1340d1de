package org.npg4j.env;

import java.util.List;

/**
 * What {@link Envs#check} found: the checks an env passed, its problems (each one line naming the env, what is wrong
 * and what to do) and notes (legal but worth knowing, as Stable-Baselines3's {@code check_env} warnings).
 *
 * @param envId    the checked env's id
 * @param passed   the names of the checks passed, in order
 * @param problems one line per violation of the {@link Env} contract
 * @param notes    one line per remark that is not a violation
 */
public record EnvCheck(String envId, List<String> passed, List<String> problems, List<String> notes) {
    public EnvCheck {
        passed = List.copyOf(passed);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Whether the env has no problem. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
