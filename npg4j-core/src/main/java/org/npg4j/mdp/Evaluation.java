package org.npg4j.mdp;

/**
 * The exact evaluation of a policy π on a finite (constrained) MDP. Conventions:
 * <ul>
 *   <li>{@code value(s)} = V^π(s) = E[Σ_k γ^k r(S_k,A_k) | S_0 = s] (unnormalized);</li>
 *   <li>{@code q(s,a)} = Q^π(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V^π(s'); {@code advantage} = Q^π - V^π;</li>
 *   <li>{@code d(s,a)} = d^π(s,a) = (1-γ) Σ_k γ^k Pr(S_k=s, A_k=a), S_0 ~ ρ: a distribution (sums to 1);
 *       {@code stateDistribution} d^π_S(s) = Σ_a d^π(s,a);</li>
 *   <li>{@code expectedReturn} R(π) = (1-γ) ρ·V^π = r·d^π; {@code valueRho} V^π(ρ) = R(π)/(1-γ);</li>
 *   <li>for cost i: {@code costValue(i, s)} V_{c_i}^π(s), {@code costQ(i, s, a)}, and
 *       {@code costReturn(i)} C_i(π) = c_i·d^π, the quantity the constraint C_i(π) ≤ b_i bounds.</li>
 * </ul>
 * Array accessors return copies; the scalar accessors read in place.
 */
public final class Evaluation {
    private final int states;
    private final int actions;
    private final double gamma;
    private final double[] v;
    private final double[] q;
    private final double[] d;
    private final double[] dS;
    private final double expectedReturn;
    private final double[][] costV;
    private final double[][] costQ;
    private final double[] costReturns;

    Evaluation(FiniteMdp mdp, double[] v, double[] q, double[] d, double[] dS, double[][] costV, double[][] costQ) {
        this.states = mdp.states();
        this.actions = mdp.actions();
        this.gamma = mdp.gamma();
        this.v = v;
        this.q = q;
        this.d = d;
        this.dS = dS;
        this.costV = costV;
        this.costQ = costQ;
        double ret = 0.0;
        for (int s = 0; s < states; s++) {
            ret += mdp.initial(s) * v[s];
        }
        this.expectedReturn = (1.0 - gamma) * ret;
        this.costReturns = new double[costV.length];
        for (int i = 0; i < costV.length; i++) {
            FiniteMdp.Cost c = mdp.cost(i);
            double acc = 0.0;
            for (int sa = 0; sa < d.length; sa++) {
                acc += c.value(sa) * d[sa];
            }
            costReturns[i] = acc;
        }
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    public double gamma() {
        return gamma;
    }

    /** V^π(s). */
    public double value(int s) {
        return v[s];
    }

    /** V^π as a copy. */
    public double[] values() {
        return v.clone();
    }

    /** Q^π(s,a). */
    public double q(int s, int a) {
        return q[s * actions + a];
    }

    /** Q^π, flat S·A, as a copy. */
    public double[] qValues() {
        return q.clone();
    }

    /** A^π(s,a) = Q^π(s,a) - V^π(s). */
    public double advantage(int s, int a) {
        return q[s * actions + a] - v[s];
    }

    /** A^π, flat S·A. */
    public double[] advantages() {
        double[] adv = new double[q.length];
        for (int sa = 0; sa < q.length; sa++) {
            adv[sa] = q[sa] - v[sa / actions];
        }
        return adv;
    }

    /** d^π(s,a). */
    public double d(int s, int a) {
        return d[s * actions + a];
    }

    /** d^π, flat S·A, normalized to sum to 1, as a copy. */
    public double[] stateActionDistribution() {
        return d.clone();
    }

    /** d^π_S(s) = Σ_a d^π(s,a). */
    public double stateDistribution(int s) {
        return dS[s];
    }

    /** d^π_S as a copy. */
    public double[] stateDistribution() {
        return dS.clone();
    }

    /** R(π) = (1-γ) ρ·V^π = r·d^π. */
    public double expectedReturn() {
        return expectedReturn;
    }

    /** V^π(ρ) = Σ_s ρ(s) V^π(s) = R(π)/(1-γ). */
    public double valueRho() {
        return expectedReturn / (1.0 - gamma);
    }

    public int costCount() {
        return costReturns.length;
    }

    /** C_i(π) = c_i·d^π. */
    public double costReturn(int i) {
        return costReturns[i];
    }

    /** (C_1(π), ..., C_m(π)) as a copy. */
    public double[] costReturns() {
        return costReturns.clone();
    }

    /** V_{c_i}^π(s), the unnormalized discounted cost-to-go. */
    public double costValue(int i, int s) {
        return costV[i][s];
    }

    /** V_{c_i}^π as a copy. */
    public double[] costValues(int i) {
        return costV[i].clone();
    }

    /** Q_{c_i}^π(s,a). */
    public double costQ(int i, int s, int a) {
        return costQ[i][s * actions + a];
    }

    /** Q_{c_i}^π, flat S·A, as a copy. */
    public double[] costQValues(int i) {
        return costQ[i].clone();
    }
}
