package xcot.runs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How one worker of a shared run takes part.
 *
 * @param name     the worker's name in the queue and in {@code --status} (default {@code host:pid})
 * @param lease    how long a claimed unit stays this worker's without a heartbeat; the heartbeat renews it every third
 *                 of it, so a dead worker's unit is claimed again at most this long after it died
 * @param maxPoll  the longest pause between two claims while every unit left is held by others or waits for inputs
 */
public record WorkerOptions(String name, Duration lease, Duration maxPoll) {
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    public static final Duration DEFAULT_MAX_POLL = Duration.ofSeconds(2);

    public WorkerOptions {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a worker's name is not blank");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a lease of " + lease.toMillis() + " ms is too short (at least 1 s)");
        }
        if (maxPoll.isNegative() || maxPoll.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
    }

    /** This process as a worker: {@code host:pid}, the default lease and poll. */
    public static WorkerOptions defaults() {
        return new WorkerOptions(defaultName(), DEFAULT_LEASE, DEFAULT_MAX_POLL);
    }

    public WorkerOptions withName(String newName) {
        return new WorkerOptions(newName, lease, maxPoll);
    }

    public WorkerOptions withLease(Duration newLease) {
        return new WorkerOptions(name, newLease, maxPoll);
    }

    static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
