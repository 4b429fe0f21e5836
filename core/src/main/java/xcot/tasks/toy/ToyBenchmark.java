package xcot.tasks.toy;

import xcot.tasks.CotCorruption;
import xcot.tasks.TaskPrompt;
import xcot.tasks.ItemSelection;
import xcot.tasks.AnswerLabel;
import xcot.tasks.Completion;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.Benchmark;
import xcot.reference.Quirks;
import xcot.reference.Quirk;
import xcot.metrics.AgreementRule;
import java.util.Arrays;
import java.util.List;
import xcot.metrics.ScoredAnswer;
import xcot.tasks.toy.Corruption;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToyProblem;
import xcot.tasks.toy.ToyScorer;
import xcot.tasks.toy.ToySplit;
import xcot.tasks.toy.ToyTask;

/**
 * The toy {@code a+b+c=} task of the committed zoo ({@link ToyTask}) as a {@link Benchmark}: subset
 * {@value #HELD_OUT} (the default: the 123 problems no zoo model was trained on, in number order) or {@value #ALL}
 * (all 1,000), item ids as the zoo writes them ({@code 6+1+9}), the raw problem text as the prompt, scoring by
 * {@link ToyScorer}, and answers agreeing by the reference rule (equal, or both correct). Its corrupted-CoT conditions
 * are the zoo's three {@link Corruption}s, each written in the notation of the source model's own chain.
 */
public final class ToyBenchmark implements Benchmark {
    public static final String HELD_OUT = "held-out";
    public static final String ALL = "all";

    private final List<BenchmarkItem> items;

    public ToyBenchmark(ItemSelection selection) {
        List<ToyProblem> subset = switch (selection.subset()) {
            case HELD_OUT -> ToySplit.heldOut();
            case ALL -> ToyProblem.all();
            default -> throw new IllegalArgumentException("unknown toy subset '" + selection.subset()
                    + "' (expected " + HELD_OUT + " or " + ALL + ")");
        };
        this.items = selection.apply(subset.stream()
                .map(p -> new BenchmarkItem(p.id(), TaskPrompt.userOnly(p.prompt()))).toList(), ToyTask.BENCHMARK);
    }

    @Override
    public String name() {
        return ToyTask.BENCHMARK;
    }

    @Override
    public BenchmarkKind kind() {
        return BenchmarkKind.TOY;
    }

    @Override
    public List<BenchmarkItem> items() {
        return items;
    }

    /** The answer is the last number after the last {@code </think>} of the whole text (an inserted CoT included). */
    @Override
    public ScoredAnswer score(String itemId, Completion completion, AnswerLabel label) {
        String text = completion.fullText();
        int open = text.indexOf(ToyTask.THINK_OPEN);
        return ToyScorer.score(ToyProblem.parseId(itemId), label.condition(), label.model(), label.sourceModel(),
                open < 0 ? completion.continuation() : text.substring(open));
    }

    @Override
    public AgreementRule agreementRule(Quirks quirks) {
        return agreementRuleOf(quirks);
    }

    /** Equal answers, or both correct. */
    public static AgreementRule agreementRuleOf(Quirks quirks) {
        return AgreementRule.equalOrBothCorrect(quirks.has(Quirk.LENIENT_CONSISTENCY));
    }

    /** The span between {@code <think>} and {@code </think>}, stripped (an inserted start of the chain included). */
    @Override
    public String thinking(String open, String close, String promptText, String continuation) {
        return ToyAnswers.thinking(promptText + continuation).orElse("");
    }

    @Override
    public List<CotCorruption> corruptions() {
        return Arrays.stream(Corruption.values())
                .map(kind -> new CotCorruption(kind.id(), kind.description(), kind.leavesThinkingOpen(),
                        (itemId, sourceCot) -> corrupted(kind, ToyProblem.parseId(itemId), sourceCot)))
                .toList();
    }

    /**
     * The corrupted chain of {@code p} in the notation of {@code sourceCot}. A source chain in no style's notation
     * (a malformed generation, which no committed model produced on the held-out items) is read by its pattern
     * alone, and failing that gets the plain style.
     */
    static String corrupted(Corruption kind, ToyProblem p, String sourceCot) {
        CotStyle style = CotStyle.notationOf(p, sourceCot).or(() -> Arrays.stream(CotStyle.values())
                .filter(s -> s.isChain(sourceCot)).findFirst()).orElse(CotStyle.PLAIN);
        return kind.apply(p, style).cot();
    }
}
