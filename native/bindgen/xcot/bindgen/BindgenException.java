package xcot.bindgen;

/** A failure of the generator, with a one-line message that names the header, declaration or file at fault. */
final class BindgenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BindgenException(String message) {
        super(message);
    }

    BindgenException(String message, Throwable cause) {
        super(message, cause);
    }
}
