package xcot.methods.ensemble;

import java.util.Objects;

/**
 * One proposed chunk: a generator's sample after the sentence cut.
 *
 * @param text the cut, stripped continuation (may be empty)
 * @param generator index of the generator in the ensemble's generator list
 * @param sample which of that generator's samples (0-based)
 */
public record Candidate(String text, int generator, int sample) {
    public Candidate {
        Objects.requireNonNull(text, "text");
        if (generator < 0 || sample < 0) {
            throw new IllegalArgumentException("generator and sample must be >= 0, not " + generator + "/" + sample);
        }
    }
}
