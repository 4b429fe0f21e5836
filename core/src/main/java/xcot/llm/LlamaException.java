package xcot.llm;

/**
 * Base of every failure reported by llama.cpp or found by xcot while checking a call's preconditions. Messages are
 * one line and carry the context a user needs (path, sizes, the C status code).
 */
public class LlamaException extends RuntimeException {
    public LlamaException(String message) {
        super(message);
    }

    public LlamaException(String message, Throwable cause) {
        super(message, cause);
    }
}
