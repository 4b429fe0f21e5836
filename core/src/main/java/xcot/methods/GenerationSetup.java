package xcot.methods;

import java.util.Objects;
import xcot.profiles.ModelProfile;
import xcot.profiles.RenderOptions;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirks;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.Budgets;

/**
 * Everything fixed for one model on one benchmark in a run: its profile, the benchmark's protocol and budgets, the
 * reference flags and the rendering options.
 */
public record GenerationSetup(ModelProfile profile, Benchmark benchmark, Quirks flags, Budgets budgets,
                              RenderOptions render) {
    public GenerationSetup {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(render, "render");
    }

    public BenchmarkKind kind() {
        return benchmark.kind();
    }

    public ThinkingFormat format() {
        return profile.thinking(kind(), flags);
    }

    /**
     * Special tokens are written into decoded text except in reference-mode MedCalc, where the reference decoded with
     * {@code skip_special_tokens=True} (so gpt-oss channel tokens became the words its markers look for).
     */
    public boolean renderSpecial() {
        return !kind().plaintextOssChannels(flags);
    }

    /** MedCalc budgets count the prompt under Q7. */
    boolean promptInclusive() {
        return kind().promptInclusiveBudgets(flags);
    }

    public GenerationSetup withRender(RenderOptions options) {
        return new GenerationSetup(profile, benchmark, flags, budgets, options);
    }
}
