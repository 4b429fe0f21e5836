package xcot.llm;

/** A model or context cannot be trained as asked, or an epoch failed; the message is one line saying why. */
public final class TrainingException extends LlamaException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
