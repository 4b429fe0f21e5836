package xcot.runs.store;

/** What {@link WorkQueue#claim} found. */
public sealed interface ClaimResult {
    /** A unit is now leased to the caller. */
    record Claimed(Claim claim) implements ClaimResult {}

    /**
     * Nothing can be claimed now, but the plan is not done: the remaining units are leased to other workers or wait
     * for units they need. Ask again later (a lease that runs out makes its unit claimable).
     */
    record Wait(int remainingUnits) implements ClaimResult {}

    /** Every unit of the plan is done. */
    record Complete(int units) implements ClaimResult {}
}
