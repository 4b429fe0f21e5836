package xcot.runs.store;

/**
 * A unit leased to a worker.
 *
 * @param plan     the plan's id
 * @param unit     the unit's id
 * @param affinity the unit's affinity (the model to load)
 * @param worker   who holds the lease
 * @param token    the unit's claim count at this claim: renewing or completing with an older token fails, so a worker
 *                 whose lease ran out and was claimed again cannot touch the new holder's lease
 */
public record Claim(String plan, String unit, String affinity, String worker, int token) {}
