package xcot.runs.store;

import java.util.Optional;

/**
 * One unit's state, for progress reports.
 *
 * @param state   {@code pending}, {@code claimed} (a lease that may have run out; {@code leaseExpired} says) or
 *                {@code done}
 * @param worker  the last worker that claimed it
 * @param claims  how often it was claimed (more than once: a lease ran out or was released)
 */
public record UnitStatus(String unit, String affinity, String state, Optional<String> worker, int claims,
        boolean leaseExpired) {}
