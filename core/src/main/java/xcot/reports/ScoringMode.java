package xcot.reports;

import java.util.List;
import xcot.reference.Quirks;

/** The two scoring rules a report can use: xcot's fixed rules, or the reference analysis with its quirks. */
public enum ScoringMode {
    FIXED(Quirks.none(), List.of()),
    /** {@code xcot score --faithful}: the paper's own numbers. */
    FAITHFUL(Quirks.faithfulScoring(), List.of("--faithful"));

    private final Quirks quirks;
    private final List<String> scoreArguments;

    ScoringMode(Quirks quirks, List<String> scoreArguments) {
        this.quirks = quirks;
        this.scoreArguments = scoreArguments;
    }

    public Quirks quirks() {
        return quirks;
    }

    /** The {@code xcot score} flags that select this mode. */
    public List<String> scoreArguments() {
        return scoreArguments;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String description() {
        return quirks.describeScoring();
    }

    public static ScoringMode parse(String text) {
        return switch (text) {
            case "fixed" -> FIXED;
            case "faithful" -> FAITHFUL;
            default -> throw new IllegalArgumentException("unknown scoring '" + text + "' (expected fixed or faithful)");
        };
    }
}
