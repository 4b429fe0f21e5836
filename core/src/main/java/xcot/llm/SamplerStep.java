package xcot.llm;

/**
 * One stage of a sampler chain, as a value. {@link Sampler#chain} turns a list of steps into llama.cpp samplers; the
 * last step must select a token ({@link Greedy} or {@link Distribution}).
 */
public sealed interface SamplerStep {
    /** Pick the highest logit. */
    record Greedy() implements SamplerStep {}

    /** Keep the {@code k} highest logits; {@code k <= 0} keeps all. */
    record TopK(int k) implements SamplerStep {}

    /** Keep the smallest set whose probability reaches {@code p}, at least {@code minKeep} tokens. */
    record TopP(float p, int minKeep) implements SamplerStep {
        public TopP {
            if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], not " + p);
            if (minKeep < 1) throw new IllegalArgumentException("minKeep must be >= 1, not " + minKeep);
        }
    }

    /**
     * Keep the tokens whose probability is at least {@code p} times the most likely token's, at least {@code minKeep}
     * tokens ({@code llama_sampler_init_min_p}).
     */
    record MinP(float p, int minKeep) implements SamplerStep {
        public MinP {
            if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("min-p must be in [0, 1), not " + p);
            if (minKeep < 1) throw new IllegalArgumentException("minKeep must be >= 1, not " + minKeep);
        }
    }

    /** Divide logits by {@code t}; {@code t <= 0} keeps only the maximum. */
    record Temperature(float t) implements SamplerStep {}

    /** Draw from the distribution with a seeded generator (reproducible for a fixed seed and input). */
    record Distribution(long seed) implements SamplerStep {
        public Distribution {
            if (seed < 0 || seed > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("seed must be a uint32, not " + seed);
            }
        }
    }

    /** Constrain to a GBNF grammar starting at {@code root}. */
    record Grammar(String gbnf, String root) implements SamplerStep {}
}
