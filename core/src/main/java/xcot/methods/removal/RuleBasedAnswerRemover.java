package xcot.methods.removal;

import java.util.List;
import xcot.tasks.BenchmarkKind;

/**
 * A deterministic answer remover, used when no filter model is configured (and in tests). A prose CoT (MedCalc,
 * Instruction Induction) is cut into sentences ({@link CotSentences}) and loses the sentences that play an answer role
 * ({@link SentenceRoles}: the conclusion and everything after it, restatements of the final value, answer statements);
 * the rest keeps its wording, order and line breaks. The toy task's chains of bare arithmetic steps keep their own
 * rule ({@link StepChains}). {@link xcot.methods.removal.RemovalAgreement} measures how close this comes to the
 * paper's o4-mini filter.
 */
public final class RuleBasedAnswerRemover implements AnswerRemover {
    @Override
    public String id() {
        return "rules-v2";
    }

    @Override
    public String remove(String cot, BenchmarkKind kind) {
        if (kind == BenchmarkKind.TOY) {
            return StepChains.remove(cot);
        }
        List<CotSentences.Span> spans = CotSentences.split(cot);
        boolean[] remove = SentenceRoles.answerSentences(CotSentences.texts(cot, spans));
        boolean[] keep = new boolean[remove.length];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = !remove[i];
        }
        return CotSentences.join(cot, spans, keep);
    }
}
