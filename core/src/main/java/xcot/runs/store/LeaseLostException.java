package xcot.runs.store;

/**
 * A worker's lease on a unit is gone: it ran out and another worker claimed the unit (or the plan was reset). What
 * the worker stored stays (results are upserts on their content keys); it must only not report the unit done.
 */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(Claim claim) {
        super("lease of unit " + claim.unit() + " (plan " + claim.plan() + ", claim " + claim.token()
                + ") is no longer held by " + claim.worker());
    }
}
