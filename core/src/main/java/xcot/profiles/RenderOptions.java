package xcot.profiles;

import java.time.LocalDate;
import java.util.Objects;
import xcot.reference.Quirks;

/**
 * Per-run inputs of prompt rendering besides the messages.
 *
 * @param harmonyDate     the {@code Current date:} line of a gpt-oss prompt; a run fixes it at its start and keeps
 *                        it across resumes, so prompts (and cache keys) stay stable
 * @param reasoningEffort gpt-oss {@code Reasoning:} level ({@code low}, {@code medium}, {@code high})
 * @param flags           the reference quirks in force
 */
public record RenderOptions(LocalDate harmonyDate, String reasoningEffort, Quirks flags) {
    public RenderOptions {
        Objects.requireNonNull(harmonyDate, "harmonyDate");
        Objects.requireNonNull(flags, "flags");
        if (!(reasoningEffort.equals("low") || reasoningEffort.equals("medium") || reasoningEffort.equals("high"))) {
            throw new IllegalArgumentException("reasoning effort must be low, medium or high, not '" + reasoningEffort + "'");
        }
    }

    public RenderOptions withReasoningEffort(String effort) {
        return new RenderOptions(harmonyDate, effort, flags);
    }
}
