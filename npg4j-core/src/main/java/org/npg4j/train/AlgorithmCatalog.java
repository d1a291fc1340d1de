package org.npg4j.train;

import java.util.List;
import java.util.Locale;
import org.npg4j.algo.A2c;
import org.npg4j.algo.A2cConfig;
import org.npg4j.algo.C3po;
import org.npg4j.algo.C3poConfig;
import org.npg4j.algo.CTrpo;
import org.npg4j.algo.CTrpoConfig;
import org.npg4j.algo.Cpo;
import org.npg4j.algo.CpoConfig;
import org.npg4j.algo.LagrangianConfig;
import org.npg4j.algo.Npg;
import org.npg4j.algo.NpgConfig;
import org.npg4j.algo.Pcpo;
import org.npg4j.algo.PcpoConfig;
import org.npg4j.algo.PcpoProjection;
import org.npg4j.algo.Ppo;
import org.npg4j.algo.PpoConfig;
import org.npg4j.algo.PpoKl;
import org.npg4j.algo.PpoKlConfig;
import org.npg4j.algo.PpoLagrangian;
import org.npg4j.algo.SlackDivergence;
import org.npg4j.algo.Trpo;
import org.npg4j.algo.TrpoConfig;
import org.npg4j.algo.TrpoLagrangian;
import org.npg4j.algo.Vpg;
import org.npg4j.algo.VpgConfig;
import org.npg4j.rollout.RolloutConfig;

/**
 * The algorithms npg4j ships: one {@link AlgorithmSpec} each, with the keys of its config record. A key is
 * declared once, with its record; the defaults are the records' builders'.
 */
final class AlgorithmCatalog {
    private AlgorithmCatalog() {
    }

    /** SB3's and sb3-contrib's rollout defaults: 2048 steps of one env, γ = 0.99, λ = 0.95. */
    private static final RolloutConfig SB3_ROLLOUT = new RolloutConfig(2048, 1, 0.99, 0.95, false);

    static final ConfigKeys<PpoConfig, PpoConfig.Builder> PPO_KEYS = ConfigKeys.of(PpoConfig::builder,
                    PpoConfig.Builder::build)
            .schedule("learning_rate", PpoConfig::learningRate, PpoConfig.Builder::learningRate)
            .integer("batch_size", PpoConfig::batchSize, PpoConfig.Builder::batchSize)
            .integer("n_epochs", PpoConfig::nEpochs, PpoConfig.Builder::nEpochs)
            .schedule("clip_range", PpoConfig::clipRange, PpoConfig.Builder::clipRange)
            .optionalSchedule("clip_range_vf", PpoConfig::clipRangeVf, PpoConfig.Builder::clipRangeVf)
            .bool("normalize_advantage", PpoConfig::normalizeAdvantage, PpoConfig.Builder::normalizeAdvantage)
            .number("ent_coef", PpoConfig::entCoef, PpoConfig.Builder::entCoef)
            .number("vf_coef", PpoConfig::vfCoef, PpoConfig.Builder::vfCoef)
            .number("max_grad_norm", PpoConfig::maxGradNorm, PpoConfig.Builder::maxGradNorm)
            .optionalNumber("target_kl", PpoConfig::targetKl, PpoConfig.Builder::targetKl)
            .number("adam_epsilon", PpoConfig::adamEpsilon, PpoConfig.Builder::adamEpsilon);

    static final ConfigKeys<TrpoConfig, TrpoConfig.Builder> TRPO_KEYS = ConfigKeys.of(TrpoConfig::builder,
                    TrpoConfig.Builder::build)
            .schedule("learning_rate", TrpoConfig::learningRate, TrpoConfig.Builder::learningRate)
            .integer("batch_size", TrpoConfig::batchSize, TrpoConfig.Builder::batchSize)
            .integer("cg_max_steps", TrpoConfig::cgMaxSteps, TrpoConfig.Builder::cgMaxSteps)
            .number("cg_damping", TrpoConfig::cgDamping, TrpoConfig.Builder::cgDamping)
            .number("line_search_shrinking_factor", TrpoConfig::lineSearchShrinkingFactor,
                    TrpoConfig.Builder::lineSearchShrinkingFactor)
            .integer("line_search_max_iter", TrpoConfig::lineSearchMaxIter, TrpoConfig.Builder::lineSearchMaxIter)
            .integer("n_critic_updates", TrpoConfig::nCriticUpdates, TrpoConfig.Builder::nCriticUpdates)
            .bool("normalize_advantage", TrpoConfig::normalizeAdvantage, TrpoConfig.Builder::normalizeAdvantage)
            .number("target_kl", TrpoConfig::targetKl, TrpoConfig.Builder::targetKl);

    static final ConfigKeys<A2cConfig, A2cConfig.Builder> A2C_KEYS = ConfigKeys.of(A2cConfig::builder,
                    A2cConfig.Builder::build)
            .schedule("learning_rate", A2cConfig::learningRate, A2cConfig.Builder::learningRate)
            .number("ent_coef", A2cConfig::entCoef, A2cConfig.Builder::entCoef)
            .number("vf_coef", A2cConfig::vfCoef, A2cConfig.Builder::vfCoef)
            .number("max_grad_norm", A2cConfig::maxGradNorm, A2cConfig.Builder::maxGradNorm)
            .number("rms_prop_eps", A2cConfig::rmsPropEps, A2cConfig.Builder::rmsPropEps)
            .bool("use_rms_prop", A2cConfig::useRmsProp, A2cConfig.Builder::useRmsProp)
            .bool("normalize_advantage", A2cConfig::normalizeAdvantage, A2cConfig.Builder::normalizeAdvantage);

    static final ConfigKeys<NpgConfig, NpgConfig.Builder> NPG_KEYS = ConfigKeys.of(NpgConfig::builder,
                    NpgConfig.Builder::build)
            .schedule("learning_rate", NpgConfig::learningRate, NpgConfig.Builder::learningRate)
            .integer("batch_size", NpgConfig::batchSize, NpgConfig.Builder::batchSize)
            .integer("cg_max_steps", NpgConfig::cgMaxSteps, NpgConfig.Builder::cgMaxSteps)
            .number("cg_damping", NpgConfig::cgDamping, NpgConfig.Builder::cgDamping)
            .number("step_size", NpgConfig::stepSize, NpgConfig.Builder::stepSize)
            .optionalNumber("target_kl", NpgConfig::targetKl, NpgConfig.Builder::targetKl)
            .integer("n_critic_updates", NpgConfig::nCriticUpdates, NpgConfig.Builder::nCriticUpdates)
            .bool("normalize_advantage", NpgConfig::normalizeAdvantage, NpgConfig.Builder::normalizeAdvantage);

    static final ConfigKeys<VpgConfig, VpgConfig.Builder> VPG_KEYS = ConfigKeys.of(VpgConfig::builder,
                    VpgConfig.Builder::build)
            .schedule("learning_rate", VpgConfig::learningRate, VpgConfig.Builder::learningRate)
            .schedule("vf_learning_rate", VpgConfig::vfLearningRate, VpgConfig.Builder::vfLearningRate)
            .integer("batch_size", VpgConfig::batchSize, VpgConfig.Builder::batchSize)
            .integer("n_critic_updates", VpgConfig::nCriticUpdates, VpgConfig.Builder::nCriticUpdates)
            .bool("normalize_advantage", VpgConfig::normalizeAdvantage, VpgConfig.Builder::normalizeAdvantage)
            .number("max_grad_norm", VpgConfig::maxGradNorm, VpgConfig.Builder::maxGradNorm);

    /** PPO-KL: PPO's keys without the clip range and target_kl, which the KL penalty replaces. */
    static final ConfigKeys<PpoKlConfig, PpoKlConfig.Builder> PPO_KL_KEYS = ConfigKeys.of(PpoKlConfig::builder,
                    PpoKlConfig.Builder::build)
            .include(PPO_KEYS, PpoKlConfig::ppo, PpoKlConfig.Builder::ppo, "clip_range", "clip_range_vf", "target_kl")
            .number("kl_target", PpoKlConfig::klTarget, PpoKlConfig.Builder::klTarget)
            .number("kl_coef", PpoKlConfig::klCoef, PpoKlConfig.Builder::klCoef);

    static final ConfigKeys<CTrpoConfig, CTrpoConfig.Builder> CTRPO_KEYS = ConfigKeys.of(CTrpoConfig::builder,
                    CTrpoConfig.Builder::build)
            .include(TRPO_KEYS, CTrpoConfig::trpo, CTrpoConfig.Builder::trpo)
            .number("beta", CTrpoConfig::beta, CTrpoConfig.Builder::beta)
            .number("hyst_frac", CTrpoConfig::hystFrac, CTrpoConfig.Builder::hystFrac)
            .text("divergence", c -> c.divergence().key(), (b, v) -> b.divergence(SlackDivergence.parse(v)))
            .costLimits(CTrpoConfig::costLimits, CTrpoConfig.Builder::costLimits);

    static final ConfigKeys<CpoConfig, CpoConfig.Builder> CPO_KEYS = ConfigKeys.of(CpoConfig::builder,
                    CpoConfig.Builder::build)
            .include(TRPO_KEYS, CpoConfig::trpo, CpoConfig.Builder::trpo)
            .costLimits(CpoConfig::costLimits, CpoConfig.Builder::costLimits);

    /** PCPO: TRPO's keys without the line search's (its projected step is taken whole) and the projection's. */
    static final ConfigKeys<PcpoConfig, PcpoConfig.Builder> PCPO_KEYS = ConfigKeys.of(PcpoConfig::builder,
                    PcpoConfig.Builder::build)
            .include(TRPO_KEYS, PcpoConfig::trpo, PcpoConfig.Builder::trpo, "line_search_shrinking_factor",
                    "line_search_max_iter")
            .text("projection", c -> c.projection().key(), (b, v) -> b.projection(PcpoProjection.parse(v)))
            .costLimits(PcpoConfig::costLimits, PcpoConfig.Builder::costLimits);

    /** C3PO: PPO's keys (its early stop is C3PO's own, on the epoch's mean KL) and the penalty's. */
    static final ConfigKeys<C3poConfig, C3poConfig.Builder> C3PO_KEYS = ConfigKeys.of(C3poConfig::builder,
                    C3poConfig.Builder::build)
            .include(PPO_KEYS, C3poConfig::ppo, C3poConfig.Builder::ppo, "clip_range_vf")
            .number("kappa", C3poConfig::kappa, C3poConfig.Builder::kappa)
            .number("w", C3poConfig::w, C3poConfig.Builder::w)
            .costLimits(C3poConfig::costLimits, C3poConfig.Builder::costLimits);

    /**
     * The keys of the Lagrangian multipliers ({@link LagrangianConfig}): {@code cost_limit}, {@code lagrangian}
     * ({@code gradient|pid}), {@code lagrangian_multiplier_init}, {@code lambda_lr}, {@code lambda_optimizer}
     * ({@code adam|sgd}), {@code pid_kp}, {@code pid_ki}, {@code pid_kd}, {@code cost_advantage_normalization}
     * ({@code center|standardize}).
     */
    static final ConfigKeys<LagrangianConfig, LagrangianConfig.Builder> LAGRANGIAN_KEYS = ConfigKeys.of(
                    LagrangianConfig::builder, LagrangianConfig.Builder::build)
            .costLimits(LagrangianConfig::costLimits, LagrangianConfig.Builder::costLimits)
            .text("lagrangian", c -> lower(c.method()), (b, v) -> b.method(LagrangianConfig.method(v)))
            .number("lagrangian_multiplier_init", LagrangianConfig::multiplierInit,
                    LagrangianConfig.Builder::multiplierInit)
            .number("lambda_lr", LagrangianConfig::lambdaLr, LagrangianConfig.Builder::lambdaLr)
            .text("lambda_optimizer", c -> lower(c.optimizer()), (b, v) -> b.optimizer(LagrangianConfig.optimizer(v)))
            .number("pid_kp", LagrangianConfig::pidKp, LagrangianConfig.Builder::pidKp)
            .number("pid_ki", LagrangianConfig::pidKi, LagrangianConfig.Builder::pidKi)
            .number("pid_kd", LagrangianConfig::pidKd, LagrangianConfig.Builder::pidKd)
            .text("cost_advantage_normalization", c -> lower(c.costAdvantage()),
                    (b, v) -> b.costAdvantage(LagrangianConfig.costAdvantage(v)));

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static final AlgorithmSpec<PpoConfig> PPO = new AlgorithmSpec<>("ppo",
            "PPO-Clip (Schulman et al. 2017), SB3 semantics: epochs of minibatch Adam on the clipped surrogate",
            false, SB3_ROLLOUT, PPO_KEYS, (c, r) -> r.checkMinibatches(c.batchSize()),
            (c, ctx) -> new Ppo(c, ctx.policy(), ctx.shuffleSeed()));

    static final AlgorithmSpec<TrpoConfig> TRPO = new AlgorithmSpec<>("trpo",
            "TRPO (Schulman et al. 2015), sb3-contrib semantics: CG natural step scaled to target_kl, backtracking "
                    + "line search", false, SB3_ROLLOUT, TRPO_KEYS,
            (c, ctx) -> new Trpo(c, ctx.policy(), ctx.rollout().size(), ctx.shuffleSeed()));

    static final AlgorithmSpec<A2cConfig> A2C = new AlgorithmSpec<>("a2c",
            "A2C (Mnih et al. 2016), SB3 semantics: one RMSprop step per short rollout", false,
            new RolloutConfig(5, 1, 0.99, 1.0, false), A2C_KEYS, (c, ctx) -> new A2c(c, ctx.policy()));

    static final AlgorithmSpec<NpgConfig> NPG = new AlgorithmSpec<>("npg",
            "natural policy gradient (Kakade 2001): CG on Fisher-vector products, KL-normalized step", false,
            SB3_ROLLOUT, NPG_KEYS, (c, ctx) -> new Npg(c, ctx.policy(), ctx.rollout().size(), ctx.shuffleSeed()));

    static final AlgorithmSpec<VpgConfig> VPG = new AlgorithmSpec<>("vpg",
            "vanilla policy gradient / REINFORCE with reward-to-go and a learned baseline (Williams 1992)", false,
            new RolloutConfig(2048, 1, 0.99, 1.0, false), VPG_KEYS,
            (c, ctx) -> new Vpg(c, ctx.policy(), ctx.shuffleSeed()));

    static final AlgorithmSpec<PpoKlConfig> PPO_KL = new AlgorithmSpec<>("ppo-kl",
            "PPO with the adaptive KL penalty (Schulman et al. 2017, section 4)", false, SB3_ROLLOUT, PPO_KL_KEYS,
            (c, r) -> r.checkMinibatches(c.ppo().batchSize()), (c, ctx) -> new PpoKl(c, ctx.policy(), ctx.shuffleSeed()));

    static final AlgorithmSpec<CTrpoConfig> CTRPO = new AlgorithmSpec<>("ctrpo",
            "C-TRPO (Milosevic et al. 2025): TRPO in the safe trust region KL + beta*phi(cost surrogate), recovery "
                    + "steps on the cost when the episode cost exceeds cost_limit", true, SB3_ROLLOUT, CTRPO_KEYS,
            (c, ctx) -> new CTrpo(c.withCostLimits(ctx.costLimits(c.costLimits())), ctx.rollout(), ctx.policy(),
                    ctx.costCritic(), ctx.shuffleSeed(), ctx.costShuffleSeed()));

    static final AlgorithmSpec<C3poConfig> C3PO = new AlgorithmSpec<>("c3po",
            "C3PO (Milosevic et al. 2025): PPO-Clip plus kappa*ReLU(clipped cost surrogate - w*slack), a first-order "
                    + "C-TRPO", true, SB3_ROLLOUT, C3PO_KEYS, (c, r) -> r.checkMinibatches(c.ppo().batchSize()),
            (c, ctx) -> new C3po(c.withCostLimits(ctx.costLimits(c.costLimits())), ctx.policy(), ctx.costCritic(),
                    ctx.shuffleSeed(), ctx.costShuffleSeed()));

    static final AlgorithmSpec<CpoConfig> CPO = new AlgorithmSpec<>("cpo",
            "CPO (Achiam et al. 2017): the trust-region step with the linearized cost constraints, its dual in closed "
                    + "form (one constraint) or by active sets (several), recovery steps on the cost when no step is "
                    + "feasible", true, SB3_ROLLOUT,
            CPO_KEYS, (c, ctx) -> new Cpo(c.withCostLimits(ctx.costLimits(c.costLimits())), ctx.rollout(),
                    ctx.policy(), ctx.costCritic(), ctx.shuffleSeed(), ctx.costShuffleSeed()));

    static final AlgorithmSpec<PcpoConfig> PCPO = new AlgorithmSpec<>("pcpo",
            "PCPO (Yang et al. 2020): the TRPO reward step, then its projection (projection: kl|l2) onto the "
                    + "linearized cost constraints (the intersection of their half-spaces when several)", true, SB3_ROLLOUT, PCPO_KEYS,
            (c, ctx) -> new Pcpo(c.withCostLimits(ctx.costLimits(c.costLimits())), ctx.rollout(), ctx.policy(),
                    ctx.costCritic(), ctx.shuffleSeed(), ctx.costShuffleSeed()));

    /** A parent algorithm's config with the Lagrangian multipliers' settings. */
    record WithLagrangian<P>(P parent, LagrangianConfig lagrangian) {
        /** A builder of the pair (both parts are always set by the keys). */
        static final class Builder<P> {
            private P parent;
            private LagrangianConfig lagrangian;

            Builder<P> parent(P p) {
                parent = p;
                return this;
            }

            Builder<P> lagrangian(LagrangianConfig l) {
                lagrangian = l;
                return this;
            }

            WithLagrangian<P> build() {
                return new WithLagrangian<>(parent, lagrangian);
            }
        }
    }

    private static <P, Q> ConfigKeys<WithLagrangian<P>, WithLagrangian.Builder<P>> withLagrangian(
            ConfigKeys<P, Q> parent, P parentDefaults) {
        return ConfigKeys.<WithLagrangian<P>, WithLagrangian.Builder<P>>of(
                        () -> new WithLagrangian.Builder<P>().parent(parentDefaults)
                                .lagrangian(LagrangianConfig.builder().build()),
                        WithLagrangian.Builder::build)
                .include(parent, WithLagrangian::parent, WithLagrangian.Builder::parent)
                .include(LAGRANGIAN_KEYS, WithLagrangian::lagrangian, WithLagrangian.Builder::lagrangian);
    }

    static final AlgorithmSpec<WithLagrangian<PpoConfig>> PPO_LAG = new AlgorithmSpec<>("ppo-lag",
            "PPO-Lagrangian (Ray et al. 2019; OmniSafe/SafePO): PPO on (A_r - lambda A_c)/(1 + lambda), lambda >= 0 by "
                    + "projected gradient ascent or PID on episode cost - cost_limit", true, SB3_ROLLOUT,
            withLagrangian(PPO_KEYS, PpoConfig.builder().build()),
            (c, r) -> r.checkMinibatches(c.parent().batchSize()),
            (c, ctx) -> new PpoLagrangian(c.parent(), lagrangianFor(c, ctx), ctx.policy(), ctx.costCritic(),
                    ctx.shuffleSeed(), ctx.costShuffleSeed()));

    static final AlgorithmSpec<WithLagrangian<TrpoConfig>> TRPO_LAG = new AlgorithmSpec<>("trpo-lag",
            "TRPO-Lagrangian (Ray et al. 2019; OmniSafe/SafePO): TRPO on (A_r - lambda A_c)/(1 + lambda), lambda >= 0 "
                    + "by projected gradient ascent or PID on episode cost - cost_limit", true, SB3_ROLLOUT,
            withLagrangian(TRPO_KEYS, TrpoConfig.builder().build()),
            (c, ctx) -> new TrpoLagrangian(c.parent(), lagrangianFor(c, ctx), ctx.policy(), ctx.costCritic(),
                    ctx.rollout().size(), ctx.shuffleSeed(), ctx.costShuffleSeed()));

    private static LagrangianConfig lagrangianFor(WithLagrangian<?> c, UpdateContext ctx) {
        return c.lagrangian().withCostLimits(ctx.costLimits(c.lagrangian().costLimits()));
    }

    /** The shipped algorithms, in the order listings show them. */
    static List<AlgorithmSpec<?>> all() {
        return List.of(PPO, TRPO, A2C, NPG, VPG, PPO_KL, CTRPO, C3PO, CPO, PCPO, PPO_LAG, TRPO_LAG);
    }
}
