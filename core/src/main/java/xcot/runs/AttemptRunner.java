package xcot.runs;

import java.util.Optional;
import xcot.methods.Attempt;
import xcot.methods.CotGeneration;
import xcot.methods.TextGenerator;
import xcot.metrics.ScoredAnswer;
import xcot.tasks.AnswerLabel;
import xcot.tasks.Completion;

/** Makes one attempt (or recalls it), scores it with the benchmark, and stores it in its own transaction. */
final class AttemptRunner {
    private final RunContext ctx;

    AttemptRunner(RunContext ctx) {
        this.ctx = ctx;
    }

    AttemptRecord run(AttemptSpec spec, TextGenerator generator) {
        String key = spec.key(ctx.benchmark.name());
        Optional<String> stored = ctx.store.attempt(key);
        if (stored.isPresent()) {
            ctx.progress.unitDone(true);
            return AttemptRecord.fromJson(stored.get());
        }
        Attempt attempt;
        if (spec.insertedCot().isEmpty()) {
            attempt = CotGeneration.ownCot(generator, spec.setup(), spec.item().prompt(), spec.sampling());
        } else if (spec.openInsertion()) {
            attempt = CotGeneration.continued(generator, spec.setup(), spec.item().prompt(), spec.insertedCot().get(),
                    spec.sampling());
        } else {
            attempt = CotGeneration.inserted(generator, spec.setup(), spec.item().prompt(), spec.insertedCot().get(),
                    spec.sampling());
        }
        Completion completion = new Completion(attempt.promptText(), attempt.continuation(),
                spec.setup().format().answerStart(), spec.model().profile().isGptOss(), spec.sourceIsGptOss());
        ScoredAnswer answer = ctx.benchmark.score(spec.item().id(), completion,
                new AnswerLabel(spec.label(), spec.model().name(), spec.source()));
        Optional<String> explanation = ctx.benchmark.explanation(completion);
        AttemptRecord record = new AttemptRecord(answer, spec.seed(), attempt, explanation);
        ctx.store.putAttempt(key, spec.slot(), record.toJson());
        ctx.progress.unitDone(false);
        return record;
    }
}
