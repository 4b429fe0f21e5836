package xcot.metrics;

/**
 * Agreement among all models at once, beyond the paper's pairwise numbers.
 *
 * @param allAgree    fraction of counted items on which every model's answer has the same category (all correct,
 *                    or all the same wrong answer)
 * @param fleissKappa Fleiss' kappa over the answer categories of the counted items (chance-corrected agreement)
 * @param counted     items on which no model's answer was skipped
 */
public record NWayAgreement(Estimate allAgree, Estimate fleissKappa, int counted) {}
