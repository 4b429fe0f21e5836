package xcot.reference;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The set of reference quirks a run or a scoring reproduces. {@link #fixed()} is the default (the corrected
 * behaviour, with the method-defining {@link Quirk#SENTENCE_HEURISTIC}); {@link #referenceCompat()}, the
 * {@value #UMBRELLA} umbrella, turns every quirk on and reproduces the reference's texts and published numbers.
 * Immutable.
 */
public final class Quirks {
    /** The umbrella flag's name. */
    public static final String UMBRELLA = "reference-compat";

    private final Set<Quirk> on;

    private Quirks(EnumSet<Quirk> on) {
        this.on = Collections.unmodifiableSet(on);
    }

    public static Quirks of(Quirk... quirks) {
        EnumSet<Quirk> set = EnumSet.noneOf(Quirk.class);
        set.addAll(Arrays.asList(quirks));
        return new Quirks(set);
    }

    /** No quirk at all: what {@code xcot score} uses without {@code --faithful}. */
    public static Quirks none() {
        return of();
    }

    /** The port's corrected behaviour (the run default); the Q19 sentence cut stays on because it defines the method. */
    public static Quirks fixed() {
        return of(Quirk.SENTENCE_HEURISTIC);
    }

    /** Every quirk on. */
    public static Quirks referenceCompat() {
        return new Quirks(EnumSet.allOf(Quirk.class));
    }

    /** Every scoring quirk on and nothing else: {@code xcot score --faithful}. */
    public static Quirks faithfulScoring() {
        return new Quirks(EnumSet.copyOf(Arrays.stream(Quirk.values()).filter(Quirk::scoring).toList()));
    }

    /**
     * {@link #fixed()} or {@link #referenceCompat()} (per {@code umbrella}), then each named flag set as given.
     *
     * @throws IllegalArgumentException for a name that is not a flag
     */
    public static Quirks of(boolean umbrella, Map<String, Boolean> overrides) {
        Quirks quirks = umbrella ? referenceCompat() : fixed();
        for (Map.Entry<String, Boolean> e : overrides.entrySet()) {
            Quirk q = Quirk.byFlag(e.getKey()).orElseThrow(() -> new IllegalArgumentException("unknown flag '"
                    + e.getKey() + "' (known: " + UMBRELLA + ", " + String.join(", ", flags()) + ")"));
            quirks = quirks.with(q, e.getValue());
        }
        return quirks;
    }

    /** Every flag name, in the enum's order. */
    public static List<String> flags() {
        return Arrays.stream(Quirk.values()).map(Quirk::flag).toList();
    }

    public boolean has(Quirk q) {
        return on.contains(q);
    }

    public Quirks with(Quirk q, boolean value) {
        EnumSet<Quirk> set = on.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(on);
        if (value) {
            set.add(q);
        } else {
            set.remove(q);
        }
        return new Quirks(set);
    }

    /** Only the scoring quirks of this set (what a scorer reads). */
    public Quirks scoring() {
        return new Quirks(on.stream().filter(Quirk::scoring)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Quirk.class))));
    }

    public boolean isEmpty() {
        return on.isEmpty();
    }

    /** The flags that are on, by name, in the enum's order. */
    public List<String> enabled() {
        return on.stream().map(Quirk::flag).toList();
    }

    /** One line naming the run mode: {@code fixed (default)}, {@code reference-compat (...)} or {@code custom (...)}. */
    public String describe() {
        if (equals(fixed())) {
            return "fixed (default)";
        }
        return (equals(referenceCompat()) ? UMBRELLA : "custom") + " (" + String.join(", ", enabled()) + ")";
    }

    /** The {@link Quirk.Stage#PLOT} flags that are on, in the enum's order. */
    public List<String> plotting() {
        return on.stream().filter(Quirk::plot).map(Quirk::flag).toList();
    }

    /** One line naming the scoring mode, as {@code xcot score} prints it; plot quirks are named after it. */
    public String describeScoring() {
        Quirks scoring = scoring();
        String mode = scoring.isEmpty() ? "fixed (default)"
                : (scoring.equals(faithfulScoring()) ? "faithful" : "custom") + " (reference quirks: "
                        + String.join(", ", scoring.enabled()) + ")";
        return plotting().isEmpty() ? mode : mode + ", as plotted (" + String.join(", ", plotting()) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quirks other && on.equals(other.on);
    }

    @Override
    public int hashCode() {
        return on.hashCode();
    }

    @Override
    public String toString() {
        return enabled().toString();
    }
}
