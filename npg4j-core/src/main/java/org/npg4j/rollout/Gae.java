package org.npg4j.rollout;

/**
 * Generalized advantage estimation (Schulman, Moritz, Levine, Jordan, Abbeel 2016) on flat step-major buffers,
 * for one signal or several interleaved channels (reward, or each cost).
 */
public final class Gae {
    private Gae() {
    }

    /**
     * Computes, for each env and channel, backwards in time:
     * <pre>
     *   nonTerminal_{t+1} = 0 if the observation at t+1 starts an episode, else 1
     *   δ_t = r_t + γ V_{t+1} nonTerminal_{t+1} - V_t
     *   Â_t = δ_t + γ λ nonTerminal_{t+1} Â_{t+1}
     *   R_t = Â_t + V_t
     * </pre>
     * with V_{T} = {@code lastValues} and nonTerminal_T from {@code lastEpisodeStarts}. Index of (step, env, channel):
     * {@code (step * nEnvs + env) * channels + channel}.
     */
    public static void compute(int nSteps, int nEnvs, int channels, double[] signal, double[] values,
                               boolean[] episodeStarts, double[] lastValues, boolean[] lastEpisodeStarts,
                               double gamma, double lambda, double[] advantagesOut, double[] returnsOut) {
        for (int e = 0; e < nEnvs; e++) {
            for (int c = 0; c < channels; c++) {
                double lastGae = 0.0;
                for (int t = nSteps - 1; t >= 0; t--) {
                    int i = (t * nEnvs + e) * channels + c;
                    double nextValue;
                    double nonTerminal;
                    if (t == nSteps - 1) {
                        nextValue = lastValues[e * channels + c];
                        nonTerminal = lastEpisodeStarts[e] ? 0.0 : 1.0;
                    } else {
                        nextValue = values[i + nEnvs * channels];
                        nonTerminal = episodeStarts[(t + 1) * nEnvs + e] ? 0.0 : 1.0;
                    }
                    double delta = signal[i] + gamma * nextValue * nonTerminal - values[i];
                    lastGae = delta + gamma * lambda * nonTerminal * lastGae;
                    advantagesOut[i] = lastGae;
                    returnsOut[i] = lastGae + values[i];
                }
            }
        }
    }
}
