package xcot.methods.removal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How the HTTP answer remover retries a request that failed in a way that may pass (HTTP 429, a 5xx, a timeout, a
 * refused or reset connection): at most {@code tries} tries in all, the n-th retry after {@code firstDelay * 2^(n-1)}
 * (at most {@code maxDelay}), scaled by a random factor in [0.5, 1.5) so that workers that failed together do not
 * retry together. A {@code Retry-After} the server sends replaces that delay, up to {@code longestRetryAfter}.
 *
 * @param tries             tries in all, the first included (at least 1)
 * @param firstDelay        the delay before the first retry, before jitter
 * @param maxDelay          the longest delay before jitter
 * @param longestRetryAfter the longest {@code Retry-After} honoured as given (longer ones are cut to this)
 */
public record RetryPolicy(int tries, Duration firstDelay, Duration maxDelay, Duration longestRetryAfter) {
    /** 4 tries, 2 s, 4 s and 8 s apart (± half), a server's Retry-After up to 2 minutes. */
    public static final RetryPolicy STANDARD = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(60),
            Duration.ofMinutes(2));

    public RetryPolicy {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, not " + tries);
        }
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(longestRetryAfter, "longestRetryAfter");
    }

    /**
     * The wait before retry {@code retry} (1 for the second try).
     *
     * @param retryAfter what the server's {@code Retry-After} asked for, if anything
     */
    public Duration delayBefore(int retry, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.isNegative() ? Duration.ZERO
                    : asked.compareTo(longestRetryAfter) > 0 ? longestRetryAfter : asked;
        }
        long exponential = firstDelay.toMillis() << Math.min(retry - 1, 30);
        long capped = Math.min(maxDelay.toMillis(), exponential);
        return Duration.ofMillis(Math.round(capped * (0.5 + random.nextDouble())));
    }
}
