package xcot.methods;

import java.util.Map;
import java.util.Objects;

/**
 * One item for the ensemble engine.
 *
 * @param startContexts per participant name, the text its context starts from: the rendered prompt plus the
 *                      profile's ensemble opening (§9 set-up; {@link xcot.profiles.ModelProfile#ensembleContextOpening})
 * @param seed          the sampling seed the engine resets before every proposal (the reference's 42)
 * @param maxCotTokens  the length cap (fixed MedCalc default: the first generator's prompt + 4096 tokens, Q14;
 *                      Instruction Induction: + 2018); the engine applies the reference's caps under the flags
 */
public record EnsembleItem(String itemId, Map<String, String> startContexts, long seed, int maxCotTokens) {
    public EnsembleItem {
        Objects.requireNonNull(itemId, "itemId");
        startContexts = Map.copyOf(startContexts);
    }
}
