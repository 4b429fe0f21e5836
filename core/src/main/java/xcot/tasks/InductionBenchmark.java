package xcot.tasks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xcot.metrics.AgreementRule;
import xcot.records.Outcome;
import xcot.records.ScoredAnswer;
import xcot.records.ScoringOptions;
import xcot.tasks.induction.InductionData;
import xcot.tasks.induction.InductionItem;
import xcot.tasks.induction.InductionScoring;
import xcot.tasks.induction.Similarity;
import xcot.tasks.induction.SimilarityScorer;

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

    @Override
    public AgreementRule agreementRule(ScoringOptions options) {
        return Benchmarks.agreementRule(name(), options, similarity);
    }

    /**
     * The answer is what follows the first end-of-thinking marker of the whole decoded sequence (PAPER-SPEC §6.4),
     * graded against the gold annotations.
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
}
