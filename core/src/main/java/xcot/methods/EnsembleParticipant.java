package xcot.methods;

import java.util.Objects;
import xcot.llm.Model;
import xcot.profiles.ModelProfile;

/**
 * A model taking part in an ensemble, loaded by the runner.
 *
 * @param name          the model's name in the run (records, traces)
 * @param contextTokens the context window the run config gives this model
 * @param threads       CPU threads the run config gives this model
 */
public record EnsembleParticipant(String name, Model model, ModelProfile profile, int contextTokens, int threads) {
    public EnsembleParticipant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(profile, "profile");
    }
}
