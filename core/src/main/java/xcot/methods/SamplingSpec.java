package xcot.methods;

/** How tokens are chosen in one generation. */
public sealed interface SamplingSpec {
    /** The highest logit ({@code do_sample=False}). */
    record Greedy() implements SamplingSpec {}

    /**
     * Top-k, then top-p, then temperature, then a draw from a generator seeded with {@code seed} (a uint32), reset
     * for every generation so each one is reproducible on its own.
     */
    record Sampled(float temperature, int topK, float topP, long seed) implements SamplingSpec {
        public Sampled {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be positive, not " + temperature);
            }
            if (!(topP > 0 && topP <= 1)) {
                throw new IllegalArgumentException("top-p must be in (0, 1], not " + topP);
            }
            if (seed < 0 || seed > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("seed must be a uint32, not " + seed);
            }
        }
    }

    static SamplingSpec greedy() {
        return new Greedy();
    }

    /** A stable text form, part of cache keys. */
    default String key() {
        return switch (this) {
            case Greedy g -> "greedy";
            case Sampled s -> "sampled(t=" + s.temperature() + ",k=" + s.topK() + ",p=" + s.topP() + ",seed=" + s.seed() + ")";
        };
    }
}
