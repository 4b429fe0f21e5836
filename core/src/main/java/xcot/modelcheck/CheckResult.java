package xcot.modelcheck;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of checking one model file in a child process, as cached under the file's SHA-256.
 *
 * @param reason    empty when the check passed; else one line without the file name (what llama.cpp or xcot said,
 *                  or how the child died)
 * @param deep      whether the weights were scanned for NaN and infinite values
 * @param crashed   whether the child process died (an abort in native code) rather than reporting a failure
 */
public record CheckResult(String sha256, boolean passed, String reason, boolean deep, boolean crashed,
                          Instant checkedAt, long millis) {
    public CheckResult {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(checkedAt, "checkedAt");
        if (passed == !reason.isEmpty()) {
            throw new IllegalArgumentException("a passed check has no reason, a failed one has one");
        }
        if (reason.contains("\n")) {
            throw new IllegalArgumentException("the reason must be one line: " + reason);
        }
    }

    /** Whether this result answers a request for a check of the given depth (a deep pass also answers a shallow one). */
    boolean covers(boolean deepWanted) {
        return !passed || deep || !deepWanted;
    }
}
