package xcot.methods.removal;

/** An answer remover could not produce a result (e.g. the HTTP endpoint failed); nothing is cached. */
public final class AnswerRemovalException extends RuntimeException {
    public AnswerRemovalException(String message, Throwable cause) {
        super(message, cause);
    }
}
