package xcot.methods;

/** Why a generation ended. */
public enum StopReason {
    /** The model produced an end-of-generation token (or its grammar was complete). */
    END_OF_GENERATION,
    /** The new-token budget was used up. */
    TOKEN_LIMIT,
    /** The context window filled up during generation. */
    CONTEXT_FULL,
    /** The prompt alone does not fit in the context window; nothing was generated. */
    PROMPT_TOO_LONG;

    /** The generation ran out of room (budget or window) rather than ending by itself. */
    public boolean ranOutOfRoom() {
        return this == TOKEN_LIMIT || this == CONTEXT_FULL;
    }
}
