package xcot.runs.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The heartbeat of one claim: renews its lease every third of the lease on a daemon thread until closed, so a unit
 * that takes longer than a lease stays with a live worker, while a dead worker's lease runs out within one lease.
 * A renewal that finds the lease lost (or the store unreachable) stops the heartbeat and is kept for {@link #lost}.
 */
public final class LeaseKeeper implements AutoCloseable {
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private LeaseKeeper(WorkQueue queue, Claim claim, Duration lease) {
        long periodMillis = Math.max(1, lease.toMillis() / 3);
        this.thread = Thread.ofPlatform().daemon().name("xcot-lease-" + claim.unit()).unstarted(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(periodMillis);
                    queue.renew(claim, lease);
                }
            } catch (InterruptedException e) {
                // closed
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
    }

    /** Starts renewing {@code claim}'s lease, {@code lease} at a time. */
    public static LeaseKeeper start(WorkQueue queue, Claim claim, Duration lease) {
        LeaseKeeper keeper = new LeaseKeeper(queue, claim, lease);
        keeper.thread.start();
        return keeper;
    }

    /** Whether a renewal failed (the lease was lost, or the store could not be reached), and why. */
    public Optional<RuntimeException> lost() {
        return Optional.ofNullable(failure.get());
    }

    /** Stops renewing (the lease then runs out unless the unit is completed or released). */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
