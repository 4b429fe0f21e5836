package xcot.methods;

import java.util.Objects;

/** How tokens are chosen in one generation. */
public sealed interface SamplingSpec {
    /** The highest logit ({@code do_sample=False}). */
    record Greedy() implements SamplingSpec {}

    /**
     * Temperature, top-k ({@code k <= 0}: off), top-p ({@code 1}: off) and min-p ({@code 0}: off) in {@code order},
     * then a draw from a generator seeded with {@code seed} (a uint32), reset for every generation so each one is
     * reproducible on its own. {@link SamplerChain} builds the chain.
     */
    record Sampled(float temperature, int topK, float topP, float minP, long seed, SamplerOrder order)
            implements SamplingSpec {
        public Sampled {
            Objects.requireNonNull(order, "order");
            if (!(minP >= 0 && minP < 1)) {
                throw new IllegalArgumentException("min-p must be in [0, 1), not " + minP);
            }
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

        /** Without min-p. */
        public Sampled(float temperature, int topK, float topP, long seed, SamplerOrder order) {
            this(temperature, topK, topP, 0, seed, order);
        }

        /** In Hugging Face's order, the reference's, without min-p. */
        public Sampled(float temperature, int topK, float topP, long seed) {
            this(temperature, topK, topP, seed, SamplerOrder.HUGGING_FACE);
        }
    }

    static SamplingSpec greedy() {
        return new Greedy();
    }

    /** A stable text form, part of cache keys. */
    default String key() {
        return switch (this) {
            case Greedy g -> "greedy";
            // min-p only when set, so the keys of generations made before it existed stay valid
            case Sampled s -> "sampled(t=" + s.temperature() + ",k=" + s.topK() + ",p=" + s.topP()
                    + (s.minP() > 0 ? ",min-p=" + s.minP() : "") + ",seed=" + s.seed() + ",order=" + s.order().id()
                    + ")";
        };
    }
}
