package xcot.llm;

/** The tokens to decode do not fit in the context window: {@code positionsNeeded > contextTokens}. */
public final class ContextOverflowException extends LlamaException {
    private final int positionsNeeded;
    private final int contextTokens;

    public ContextOverflowException(int positionsNeeded, int contextTokens, String what) {
        super(what + " needs " + positionsNeeded + " positions but the context holds " + contextTokens + " tokens");
        this.positionsNeeded = positionsNeeded;
        this.contextTokens = contextTokens;
    }

    public int positionsNeeded() {
        return positionsNeeded;
    }

    public int contextTokens() {
        return contextTokens;
    }
}
