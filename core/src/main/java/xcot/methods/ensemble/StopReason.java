package xcot.methods.ensemble;

/** Why an ensemble run ended. */
public enum StopReason {
    /** The first generator's context contains the stop marker ({@code </think>}), checked from the second iteration. */
    THINKING_CLOSED,
    /** The length cap was reached (MedCalc: first generator's prompt + 4,096 tokens; II: + 2,018). */
    LENGTH_CAP,
    /** Every evaluator failed in one iteration, so no candidate had a score. */
    NO_SCORES,
    /** A model's context window could not hold the next step. */
    CONTEXT_FULL,
    /** The caller's iteration limit was reached (tests, benchmarks, demos). */
    ITERATION_LIMIT
}
