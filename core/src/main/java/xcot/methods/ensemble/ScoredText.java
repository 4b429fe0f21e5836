package xcot.methods.ensemble;

/** Which string an evaluator scores for candidate {@code c} (quirk Q13). */
public enum ScoredText {
    /** {@code context + " " + c.strip()}: exactly what is appended if {@code c} wins. The fixed default. */
    APPENDED,
    /** {@code context + c}, no separating space, as the reference scores it. Flag {@code ref.score-without-space}. */
    REFERENCE_WITHOUT_SPACE
}
