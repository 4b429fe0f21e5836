package xcot.tasks.medcalc;

import xcot.tasks.TaskPrompt;
import xcot.tasks.ItemSelection;
import xcot.tasks.AnswerLabel;
import xcot.tasks.Completion;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.Benchmark;
import xcot.pycompat.PyStrings;
import xcot.reference.Quirk;
import xcot.metrics.AgreementRule;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xcot.metrics.ScoredAnswer;
import xcot.reference.Quirks;
import xcot.tasks.medcalc.AnswerExtractor;
import xcot.tasks.medcalc.MedCalcDataset;
import xcot.tasks.medcalc.MedCalcPrompts;
import xcot.tasks.medcalc.MedCalcRow;
import xcot.tasks.medcalc.MedCalcScorer;

/**
 * MedCalc-Bench v1.0 as a {@link Benchmark}: rows from {@link MedCalcDataset} (subset {@code paper}, the paper's 100
 * rows in the authors' order, or {@code all}), the zero-shot prompt of {@link MedCalcPrompts}, scoring by
 * {@link MedCalcScorer}.
 */
public final class MedCalcBenchmark implements Benchmark {
    /** The reference implementation's MedCalc output files, which every MedCalc run also writes. */
    public static final String REFERENCE_FORMAT = "genex-medcalc";

    private final Map<String, MedCalcRow> rows = new LinkedHashMap<>();
    private final List<BenchmarkItem> items;
    private final MedCalcScorer scorer;

    public MedCalcBenchmark(ItemSelection selection, Quirks options) {
        MedCalcDataset dataset = MedCalcDataset.load();
        List<MedCalcRow> subset = switch (selection.subset()) {
            case "paper" -> dataset.paperSubset();
            case "all" -> dataset.rows();
            default -> throw new IllegalArgumentException("unknown medcalc subset '" + selection.subset()
                    + "' (expected paper or all)");
        };
        List<BenchmarkItem> all = subset.stream()
                .map(r -> new BenchmarkItem(r.itemId(), prompt(r))).toList();
        this.items = selection.apply(all, MedCalcScorer.BENCHMARK);
        subset.forEach(r -> rows.put(r.itemId(), r));
        this.scorer = new MedCalcScorer(options);
    }

    static TaskPrompt prompt(MedCalcRow row) {
        MedCalcPrompts.Prompt p = MedCalcPrompts.zeroShot(row);
        return TaskPrompt.of(p.system(), p.user());
    }

    @Override
    public String name() {
        return MedCalcScorer.BENCHMARK;
    }

    @Override
    public BenchmarkKind kind() {
        return BenchmarkKind.MEDCALC;
    }

    @Override
    public List<BenchmarkItem> items() {
        return items;
    }

    /** The test-set row behind an item (for the reference-format export). */
    public MedCalcRow row(String itemId) {
        MedCalcRow row = rows.get(itemId);
        if (row == null) {
            throw new IllegalArgumentException("no MedCalc row " + itemId);
        }
        return row;
    }

    @Override
    public ScoredAnswer score(String itemId, Completion completion, AnswerLabel label) {
        return scorer.score(row(itemId), label.condition(), label.model(), label.sourceModel(), completion);
    }

    /** The last {@code step_by_step_thinking} value in the text the answer was searched in (the reference's field). */
    @Override
    public Optional<String> explanation(Completion completion) {
        return Optional.of(AnswerExtractor.explanation(AnswerExtractor.searchText(completion, scorer.options())));
    }

    @Override
    public AgreementRule agreementRule(Quirks quirks) {
        return agreementRuleOf(quirks);
    }

    /** Equal normalized answers, or both correct; failures per {@code ref.lenient-consistency}. */
    public static AgreementRule agreementRuleOf(Quirks quirks) {
        return AgreementRule.equalOrBothCorrect(quirks.has(Quirk.LENIENT_CONSISTENCY));
    }

    /** The reference's {@code extract_thinking} on the whitespace-collapsed prompt and output. */
    @Override
    public String thinking(String open, String close, String promptText, String continuation) {
        return AnswerExtractor.thinking(PyStrings.collapseWhitespace(promptText + continuation), open, close);
    }

    @Override
    public Optional<String> referenceFormat() {
        return Optional.of(REFERENCE_FORMAT);
    }
}
