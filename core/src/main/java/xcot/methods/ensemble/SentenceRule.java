package xcot.methods.ensemble;

/**
 * How a sampled continuation is cut back to its last sentence boundary (docs/reference-pipeline.md §9 step 2, quirk
 * Q19).
 */
public enum SentenceRule {
    /**
     * The reference's {@code truncate_to_last_sentence}, the default because it defines the method: a {@code .!?}
     * after a digit is never a boundary, any 1–4-letter word ending in {@code .} counts as an abbreviation, and a
     * fragment without a boundary is kept whole. Flag {@code ref.sentence-heuristic}.
     */
    REFERENCE_HEURISTIC,
    /**
     * The optional alternative: only a fixed list of abbreviations and dotted initials ({@code e.g.}, {@code U.S.})
     * are skipped, and a period after a digit may end a sentence. A fragment without a boundary is still kept whole.
     */
    ABBREVIATION_LIST
}
