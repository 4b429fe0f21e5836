package xcot.methods.ensemble;

/** Which positions of {@code tokenize(context + candidate)} a candidate's perplexity averages over. */
public enum ScoreSpan {
    /**
     * Every predicted position of the whole sequence, prompt and previous chunks included: HF's causal-LM loss with
     * {@code labels = input_ids}, the paper's method (quirk Q11, kept as the default).
     */
    FULL_SEQUENCE,
    /**
     * Only the positions from the first token where {@code tokenize(context + candidate)} departs from
     * {@code tokenize(context)} to the end: the candidate's own tokens, plus any context token that a merge across
     * the boundary re-tokenized. A candidate that adds no token scores {@code +∞} (never preferred).
     */
    CANDIDATE_ONLY
}
