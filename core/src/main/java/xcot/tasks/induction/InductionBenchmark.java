package xcot.tasks.induction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xcot.metrics.AgreementRule;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.AnswerLabel;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.Completion;
import xcot.tasks.ItemSelection;
import xcot.tasks.TaskPrompt;

/**
 * Instruction Induction as a {@link Benchmark}: the paper's 20 tasks × 5 items from {@link InductionData} (subset
 * {@code paper}), the item's prompt as the only user message, the answer forced with
 * {@link InductionScoring#ANSWER_SUFFIX}. An answer is graded by its best similarity to the task's gold annotations,
 * and two answers agree by their similarity, both with the benchmark's {@link Similarity} (default
 * {@link Similarity#DEFAULT}).
 */
public final class InductionBenchmark implements Benchmark {
    private final List<BenchmarkItem> items;
    private final Map<String, String> taskOfItem = new HashMap<>();
    private final Map<String, List<String>> annotations = new HashMap<>();
    private final Similarity similarity;
    private final SimilarityScorer scorer;

    public InductionBenchmark(ItemSelection selection) {
        this(selection, Similarity.DEFAULT);
    }

    public InductionBenchmark(ItemSelection selection, Similarity similarity) {
        this.similarity = similarity;
        this.scorer = similarity.scorer();
        if (!selection.subset().equals("paper")) {
            throw new IllegalArgumentException("unknown induction subset '" + selection.subset() + "' (expected paper)");
        }
        List<InductionItem> all = InductionData.items();
        all.forEach(i -> taskOfItem.put(i.itemId(), i.task()));
        this.items = selection.apply(all.stream()
                .map(i -> new BenchmarkItem(i.itemId(), TaskPrompt.userOnly(i.prompt()))).toList(),
                InductionScoring.BENCHMARK);
    }

    @Override
    public String name() {
        return InductionScoring.BENCHMARK;
    }

    @Override
    public BenchmarkKind kind() {
        return BenchmarkKind.INDUCTION;
    }

    @Override
    public List<BenchmarkItem> items() {
        return items;
    }

    /**
     * The answer is what follows the first end-of-thinking marker of the whole decoded sequence
     * (docs/reference-pipeline.md §6.4), graded against the gold annotations.
     */
    @Override
    public ScoredAnswer score(String itemId, Completion completion, AnswerLabel label) {
        String task = taskOfItem.get(itemId);
        if (task == null) {
            throw new IllegalArgumentException("no induction item " + itemId);
        }
        String answer = InductionScoring.extractAnswer(completion.fullText(), completion.answerStartMarker());
        double accuracy = InductionScoring.accuracy(answer,
                annotations.computeIfAbsent(task, InductionData::annotations), scorer);
        return new ScoredAnswer(name(), itemId, label.condition(), label.model(), label.sourceModel(), answer,
                new Outcome.Graded(accuracy));
    }

    @Override
    public AgreementRule agreementRule(Quirks quirks) {
        return agreementRuleOf(similarity);
    }

    /** By {@code similarity} of the consistency-normalized instructions. */
    public static AgreementRule agreementRuleOf(Similarity similarity) {
        SimilarityScorer scorer = similarity.scorer();
        return AgreementRule.similarity((a, b) -> InductionScoring.consistency(a, b, scorer));
    }

    /** The span between the model's own markers ({@link InductionTranscripts#thinking}). */
    @Override
    public String thinking(String open, String close, String promptText, String continuation) {
        return InductionTranscripts.thinking(promptText + continuation, open, close);
    }

    /** Under {@code ref.ii-target-regex} the source's whole output is parsed with the target's markers. */
    @Override
    public String transferCot(String sourceThinking, String sourceFullText, String targetOpen, String targetClose,
            Quirks quirks) {
        return quirks.has(Quirk.II_TARGET_REGEX) ? InductionTranscripts.thinking(sourceFullText, targetOpen, targetClose)
                : sourceThinking;
    }
}
