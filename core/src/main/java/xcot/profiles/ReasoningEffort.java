package xcot.profiles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** gpt-oss's {@code Reasoning:} level, written into its system prompt. */
public enum ReasoningEffort {
    LOW, MEDIUM, HIGH;

    /** The word the prompt and the configs use ({@code low}, {@code medium}, {@code high}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReasoningEffort> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id();
    }
}
