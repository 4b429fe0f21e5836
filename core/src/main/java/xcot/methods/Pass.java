package xcot.methods;

import java.util.Objects;

/** Token counts and the stop reason of one generation pass, for records and progress. */
public record Pass(int promptTokens, int generatedTokens, int budgetTokens, StopReason stopReason) {
    public Pass {
        Objects.requireNonNull(stopReason, "stopReason");
    }

    static Pass of(Generated g) {
        return new Pass(g.promptTokens(), g.tokenCount(), g.budgetTokens(), g.stopReason());
    }
}
