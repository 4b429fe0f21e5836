package xcot.methods;

import java.util.Objects;
import xcot.profiles.ModelProfile;
import xcot.profiles.RenderOptions;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.Budgets;

/**
 * Everything fixed for one model on one benchmark in a run: its profile, the benchmark's protocol and budgets, the
 * reference flags and the rendering options.
 */
public record GenerationSetup(ModelProfile profile, BenchmarkKind kind, Quirks flags, Budgets budgets,
                              RenderOptions render) {
    public GenerationSetup {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(render, "render");
    }

    public ThinkingFormat format() {
        return profile.thinking(kind, flags);
    }

    /**
     * Special tokens are written into decoded text except in reference-mode MedCalc, where the reference decoded with
     * {@code skip_special_tokens=True} (so gpt-oss channel tokens became the words its markers look for).
     */
    public boolean renderSpecial() {
        return !(kind == BenchmarkKind.MEDCALC && flags.has(Quirk.OSS_PLAINTEXT_CHANNELS));
    }

    /** MedCalc budgets count the prompt under Q7. */
    boolean promptInclusive() {
        return kind == BenchmarkKind.MEDCALC && flags.has(Quirk.PROMPT_INCLUSIVE_BUDGETS);
    }

    public GenerationSetup withRender(RenderOptions options) {
        return new GenerationSetup(profile, kind, flags, budgets, options);
    }
}
