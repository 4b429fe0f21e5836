package xcot.runs.store;

import java.time.Duration;
import java.util.List;

/**
 * A run plan's units shared by any number of workers through the store: published once, claimed with a lease that
 * the holder renews (heartbeat, {@link LeaseKeeper}) and that, when it runs out, makes the unit claimable again, so a
 * dead worker's units are taken over. Leases are timed by the database's clock.
 *
 * <p>Results do not go through the queue: a worker upserts them into the {@link RunStore} on their content keys,
 * then {@linkplain #complete completes} the unit. A unit done twice (a lease lost mid-unit) stores its results once.
 *
 * <p>Thread-safe (one connection, calls serialized), so a {@link LeaseKeeper} thread can renew while the worker's
 * thread claims and completes.
 */
public interface WorkQueue extends AutoCloseable {
    /**
     * Publishes a plan's units unless the plan is published already. Every worker may call this with the plan it
     * computed: the first publishes, the others find the same plan.
     *
     * @return true if this call published the plan
     * @throws StoreException if the plan is published with different units (a worker with another config)
     * @throws IllegalArgumentException if ids repeat or a unit needs one that is not listed before it
     */
    boolean publish(String plan, List<UnitSpec> units);

    /**
     * Leases the first claimable unit, preferring those of {@code preferredAffinity}: pending, or claimed with an
     * expired lease, and every unit it needs done. Among equals, publication order.
     */
    ClaimResult claim(String plan, String worker, String preferredAffinity, Duration lease);

    /** Extends the lease to {@code lease} from now. @throws LeaseLostException if the claim is no longer held */
    void renew(Claim claim, Duration lease);

    /** Marks the unit done. @throws LeaseLostException if the claim is no longer held */
    void complete(Claim claim);

    /** Gives the unit back unfinished, claimable at once. @throws LeaseLostException if the claim is no longer held */
    void release(Claim claim);

    /** Every unit of the plan, in publication order. */
    List<UnitStatus> units(String plan);

    @Override
    void close();
}
