/**
 * Environments with Gymnasium's semantics.
 *
 * <p>{@link org.npg4j.env.Env} is the interface: {@code reset(seed)}, {@code step(int)} for {@code Discrete} action
 * spaces and {@code step(double[])} for {@code Box} ones, each returning the env's reused
 * {@link org.npg4j.env.StepResult} (observation, reward, costs, terminated, truncated, info). Nothing is allocated
 * per step. {@link org.npg4j.env.Envs} is the registry ({@code Envs.make("CartPole-v1", kwargs)}).
 *
 * <p>Adding an env: extend {@link org.npg4j.env.AbstractEnv} (lifecycle, action validation, the time limit and the
 * seeded generator are there; implement {@code resetState}, {@code advance}, {@code observe}, {@code readState},
 * {@code writeState}), clip out-of-bounds Box actions inside {@code advance} as the reference env does, and register
 * an {@link org.npg4j.env.EnvSpec} with {@link org.npg4j.env.Envs#register}. Constrained envs report their per-step
 * costs in {@code StepResult.costs()} (length {@code costCount()}); the safe-RL suite ({@code CartPoleSafe-v0},
 * {@code KinematicPointCircle-v0}, {@code KinematicPointGoal-v0}, {@code HazardGrid-v0}, {@code ConstrainedGarnet-v0}) is registered by
 * {@code SafetyEnvs}, and {@link org.npg4j.env.RecordEpisodeStatistics} sums the costs undiscounted per episode.
 *
 * <p>Wrappers extend {@link org.npg4j.env.EnvWrapper} and override one hook. Vector envs
 * ({@link org.npg4j.env.SyncVectorEnv}, {@link org.npg4j.env.ThreadedVectorEnv}) batch N envs in flat buffers with
 * SB3's same-step autoreset.
 */
package org.npg4j.env;
