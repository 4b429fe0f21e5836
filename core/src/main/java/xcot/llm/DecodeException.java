package xcot.llm;

/**
 * {@code llama_decode} returned a non-zero status. The subclasses name the statuses callers react to; the code is
 * kept for the rest ({@code -2}: compute or allocation failure, other values: undocumented).
 */
public class DecodeException extends ModelFailureException {
    private final int statusCode;

    public DecodeException(int statusCode, String message) {
        super(message + " (llama_decode returned " + statusCode + ")");
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }

    /** Status 1: no free KV-cache slot for the batch; free sequences or use a larger context. */
    public static final class KvCacheFull extends DecodeException {
        public KvCacheFull(String message) {
            super(1, message);
        }
    }

    /** Status 2: the abort callback stopped the decode. */
    public static final class Aborted extends DecodeException {
        public Aborted(String message) {
            super(2, message);
        }
    }

    /** Status -1: llama.cpp rejected the batch (see the log for its reason). */
    public static final class InvalidBatch extends DecodeException {
        public InvalidBatch(String message) {
            super(-1, message);
        }
    }

    static DecodeException of(int statusCode, String context) {
        return switch (statusCode) {
            case 1 -> new KvCacheFull("no KV-cache slot for " + context);
            case 2 -> new Aborted("decode aborted for " + context);
            case -1 -> new InvalidBatch("invalid batch: " + context);
            default -> new DecodeException(statusCode, "decode failed for " + context);
        };
    }
}
