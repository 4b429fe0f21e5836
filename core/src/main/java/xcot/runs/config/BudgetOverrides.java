package xcot.runs.config;

import java.util.Optional;
import xcot.tasks.Budgets;

/** Budgets a run config sets; the rest come from the benchmark's defaults. */
public record BudgetOverrides(Optional<Integer> cotTokens, Optional<Integer> answerTokens,
                              Optional<Integer> insertedTokens) {
    public static BudgetOverrides none() {
        return new BudgetOverrides(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Budgets applyTo(Budgets defaults) {
        return new Budgets(cotTokens.orElse(defaults.cotTokens()), answerTokens.orElse(defaults.answerTokens()),
                insertedTokens.orElse(defaults.insertedTokens()));
    }
}
