package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import xcot.llm.Sampler;
import xcot.llm.Vocab;

/**
 * The sampler chains of one generator's context: per lane (item), one seeded chain per sample slot, built on first
 * use from the lane's seed ({@link Sampling#steps(int)}). Owns the chains; {@link #close()} frees them.
 */
final class LaneSamplers implements AutoCloseable {
    private final Sampling sampling;
    private final Vocab vocab;
    private final long[] seeds;
    private final List<List<Sampler>> chains = new ArrayList<>();

    /** @param sampling null for an evaluator only: then nothing may be sampled */
    LaneSamplers(Sampling sampling, Vocab vocab, int lanes) {
        this.sampling = sampling;
        this.vocab = vocab;
        this.seeds = new long[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            seeds[lane] = sampling == null ? 0 : sampling.seed();
            chains.add(new ArrayList<>());
        }
    }

    void requireSampling() {
        if (sampling == null) {
            throw new IllegalStateException("this model was opened without sampling settings (evaluator only)");
        }
    }

    /** Lane {@code lane} draws with {@code seed} from now on; its chains are rebuilt on next use. */
    void reseed(int lane, long seed) {
        if (sampling == null || seeds[lane] == seed) {
            return;
        }
        seeds[lane] = seed;
        chains.get(lane).forEach(Sampler::close);
        chains.get(lane).clear();
    }

    /** Lane {@code lane}'s chain of slot {@code slot}, back at its start (seed included). */
    Sampler reset(int lane, int slot) {
        requireSampling();
        List<Sampler> lanes = chains.get(lane);
        while (lanes.size() <= slot) {
            lanes.add(Sampler.chain(sampling.withSeed(seeds[lane]).steps(lanes.size()), vocab));
        }
        Sampler chain = lanes.get(slot);
        chain.reset();
        return chain;
    }

    @Override
    public void close() {
        for (List<Sampler> lane : chains) {
            lane.forEach(Sampler::close);
            lane.clear();
        }
    }
}
