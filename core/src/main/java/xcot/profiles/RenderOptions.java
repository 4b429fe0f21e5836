package xcot.profiles;

import java.time.LocalDate;
import java.util.Objects;
import xcot.reference.Quirks;

/**
 * Per-run inputs of prompt rendering besides the messages.
 *
 * @param harmonyDate     the {@code Current date:} line of a gpt-oss prompt; a run fixes it at its start and keeps
 *                        it across resumes, so prompts (and cache keys) stay stable
 * @param reasoningEffort gpt-oss {@code Reasoning:} level
 * @param flags           the reference quirks in force
 */
public record RenderOptions(LocalDate harmonyDate, ReasoningEffort reasoningEffort, Quirks flags) {
    public RenderOptions {
        Objects.requireNonNull(harmonyDate, "harmonyDate");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(reasoningEffort, "reasoningEffort");
    }

    public RenderOptions withReasoningEffort(ReasoningEffort effort) {
        return new RenderOptions(harmonyDate, effort, flags);
    }
}
