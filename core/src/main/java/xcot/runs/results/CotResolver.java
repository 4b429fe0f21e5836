package xcot.runs.results;

import java.util.Optional;
import xcot.methods.Condition;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirk;
import xcot.runs.plan.CotRef;
import xcot.runs.plan.RunPlan;
import xcot.tasks.CotCorruption;

/** Turns a plan's {@link CotRef} into the text it names, from the results of earlier phases. */
public final class CotResolver {
    private final RunPlan plan;
    private final Results results;

    public CotResolver(RunPlan plan, Results results) {
        this.plan = plan;
        this.results = results;
    }

    /** The CoT's text; empty when it names an ensemble CoT the ensemble did not yield (the target writes its own). */
    public Optional<String> text(CotRef ref) {
        return switch (ref) {
            case CotRef.Empty e -> Optional.of("");
            case CotRef.Thinking t -> Optional.of(results.attempt(t.own()).attempt().thinking());
            case CotRef.Transfer t -> Optional.of(transfer(t));
            case CotRef.Ensemble e -> {
                var quirks = plan.config().flags();
                yield results.ensembleCot(e.key()).cotToInsert(quirks.has(Quirk.INNER_THINK_TAG),
                        quirks.has(Quirk.EMPTY_ON_UNCLOSED));
            }
            case CotRef.Sanitized s -> text(s.of()).map(results::sanitized);
            case CotRef.Corrupted c -> Optional.of(corruption(c.corruption()).cotFor().apply(c.sourceDefault().itemId(),
                    results.attempt(c.sourceDefault()).attempt().thinking()));
        };
    }

    /** The source's Default CoT as the benchmark transfers it into the target. */
    private String transfer(CotRef.Transfer t) {
        var source = results.attempt(t.sourceDefault()).attempt();
        ThinkingFormat target = plan.setup(plan.model(t.target()), Condition.TRANSFER).format();
        return plan.benchmark().transferCot(source.thinking(), source.fullText(), target.open(), target.close(),
                plan.config().flags());
    }

    private CotCorruption corruption(String name) {
        return plan.benchmark().corruptions().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the benchmark has no corruption '" + name + "'"));
    }
}
