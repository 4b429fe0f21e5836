package xcot.methods;

import java.util.Objects;

/** How tokens are chosen in one generation. */
public sealed interface SamplingSpec {
    /** The highest logit ({@code do_sample=False}). */
    record Greedy() implements SamplingSpec {}

    /**
     * Temperature, top-k ({@code k <= 0}: off) and top-p ({@code 1}: off) in {@code order}, then a draw from a
     * generator seeded with {@code seed} (a uint32), reset for every generation so each one is reproducible on its
     * own. {@link SamplerChain} builds the chain.
     */
    record Sampled(float temperature, int topK, float topP, long seed, SamplerOrder order) implements SamplingSpec {
        public Sampled {
            Objects.requireNonNull(order, "order");
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

        /** In Hugging Face's order, the reference's. */
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
            case Sampled s -> "sampled(t=" + s.temperature() + ",k=" + s.topK() + ",p=" + s.topP() + ",seed=" + s.seed()
                    + ",order=" + s.order().id() + ")";
        };
    }
}
