package xcot.zoo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import xcot.metrics.AgreementRule;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.PairRate;
import xcot.metrics.SettingMetrics;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;
import xcot.tasks.toy.CorruptedCot;
import xcot.tasks.toy.Corruption;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToyAnswers;
import xcot.tasks.toy.ToyProblem;

/**
 * The answers of a {@link ZooEvaluator} run and the numbers the zoo is judged by: accuracy, well-formedness,
 * pairwise answer agreement (xcot's consistency metric), and how often a model follows a chain it reads.
 *
 * <p>Immutable.
 */
public final class ZooEvaluation {
    private static final BootstrapSpec BOOTSTRAP = new BootstrapSpec(200, 42);

    private final List<String> models;
    private final List<ToyProblem> items;
    private final Map<String, List<String>> generations;
    private final List<ScoredAnswer> answers;
    private final Map<Key, ScoredAnswer> index = new HashMap<>();

    private record Key(String condition, String model, String source, String item) {}

    /**
     * @param generations each model's own generations (condition {@code default}), in item order
     * @param answers     every scored answer of every condition
     */
    public ZooEvaluation(List<String> models, List<ToyProblem> items, Map<String, List<String>> generations,
            List<ScoredAnswer> answers) {
        this.models = List.copyOf(models);
        this.items = List.copyOf(items);
        this.generations = Map.copyOf(generations);
        this.answers = List.copyOf(answers);
        for (ScoredAnswer a : this.answers) {
            index.put(new Key(a.condition(), a.model(), a.sourceModel().orElse(""), a.itemId()), a);
        }
    }

    public List<String> models() {
        return models;
    }

    public List<ToyProblem> items() {
        return items;
    }

    /** Each model's own generations, in item order. */
    public List<String> generations(String model) {
        return generations.get(model);
    }

    /** Every scored answer of every condition. */
    public List<ScoredAnswer> answers() {
        return answers;
    }

    private Map<Key, ScoredAnswer> index() {
        return index;
    }

    /** The answer of {@code model} to {@code item} under {@code condition} (source: transfers only). */
    public ScoredAnswer answer(String condition, String model, Optional<String> source, ToyProblem item) {
        ScoredAnswer a = index().get(new Key(condition, model, source.orElse(""), item.id()));
        return Objects.requireNonNull(a, () -> "no answer for " + condition + " " + model + " " + source + " "
                + item.id());
    }

    private List<ScoredAnswer> answers(String condition, String model, Optional<String> source) {
        Map<Key, ScoredAnswer> index = index();
        return items.stream().map(p -> index.get(new Key(condition, model, source.orElse(""), p.id()))).toList();
    }

    /** Share of items answered correctly by {@code model} under a condition without a source. */
    public double accuracy(String model, String condition) {
        return answers(condition, model, Optional.empty()).stream().mapToDouble(a -> a.outcome().score())
                .average().orElse(Double.NaN);
    }

    /** Share of items {@code target} answers correctly when it reads {@code source}'s chains. */
    public double transferAccuracy(String source, String target) {
        return answers(ZooEvaluator.TRANSFER, target, Optional.of(source)).stream()
                .mapToDouble(a -> a.outcome().score()).average().orElse(Double.NaN);
    }

    /** Share of {@code model}'s own generations of exactly the form {@code <think> CHAIN </think> N}. */
    public double wellFormed(String model) {
        return generations.get(model).stream().filter(ToyAnswers::isWellFormed).count() / (double) items.size();
    }

    /**
     * Pairwise answer agreement of {@code models} (consistent: the same answer, or both correct; failed answers
     * skipped) under a condition, for transfers from {@code source}: xcot's consistency metric, one rate per pair.
     */
    public List<PairRate> agreement(List<String> among, String condition, Optional<String> source) {
        List<ScoredAnswer> rows = among.stream().flatMap(m -> answers(condition, m, source).stream()).toList();
        return SettingMetrics.score(Setting.of(rows), AgreementRule.equalOrBothCorrect(false), false, BOOTSTRAP)
                .pairs();
    }

    /** The mean of {@link #agreement} over all pairs. */
    public double meanAgreement(List<String> among, String condition, Optional<String> source) {
        return agreement(among, condition, source).stream().mapToDouble(PairRate::rate).average()
                .orElse(Double.NaN);
    }

    /** Which items a follow rate counts. */
    private enum Over { ALL, READER_DISAGREES, WRONG_CHAINS }

    /**
     * Follow rate: of the items where {@code source}'s own chain reaches a conclusion, the share where
     * {@code target}, reading that chain, answers with that conclusion. For a correct chain, following and solving
     * look the same; see {@link #followWrong}.
     */
    public double follow(String source, String target) {
        return rate(source, target, Over.ALL);
    }

    /**
     * Switch rate: the same, counted only over items where {@code target}'s own answer differs from
     * {@code source}'s conclusion, i.e. how often reading the chain changes the target's mind to it.
     */
    public double switchRate(String source, String target) {
        return rate(source, target, Over.READER_DISAGREES);
    }

    /**
     * The follow rate over the items where {@code source}'s chain concludes wrongly: adopting a wrong conclusion
     * cannot be mistaken for solving the problem ("consistent but wrong"). NaN when the source is never wrong.
     */
    public double followWrong(String source, String target) {
        return rate(source, target, Over.WRONG_CHAINS);
    }

    private double rate(String source, String target, Over over) {
        Map<Key, ScoredAnswer> index = index();
        int counted = 0;
        int followed = 0;
        for (int i = 0; i < items.size(); i++) {
            ToyProblem p = items.get(i);
            Optional<String> conclusion = ToyAnswers.thinking(generations.get(source).get(i))
                    .flatMap(ToyAnswers::conclusion);
            if (conclusion.isEmpty()) {
                continue;
            }
            boolean counts = switch (over) {
                case ALL -> true;
                case READER_DISAGREES -> !index.get(new Key(ZooEvaluator.DEFAULT, target, "", p.id())).answer()
                        .equals(conclusion.get());
                case WRONG_CHAINS -> !conclusion.get().equals(Integer.toString(p.answer()));
            };
            if (!counts) {
                continue;
            }
            counted++;
            ScoredAnswer read = index.get(new Key(ZooEvaluator.TRANSFER, target, source, p.id()));
            if (read.answer().equals(conclusion.get())) {
                followed++;
            }
        }
        return counted == 0 ? Double.NaN : followed / (double) counted;
    }

    /** Share of items where {@code model}, given a corrupted chain, answers with the chain's (wrong) conclusion. */
    public double corruptionFollow(String model, Corruption kind, CotStyle style) {
        return corruptionRate(model, kind, style, true);
    }

    /** Share of items where {@code model}, given a corrupted chain, still answers correctly. */
    public double corruptionRecover(String model, Corruption kind, CotStyle style) {
        return corruptionRate(model, kind, style, false);
    }

    private double corruptionRate(String model, Corruption kind, CotStyle style, boolean follow) {
        Map<Key, ScoredAnswer> index = index();
        String condition = ZooEvaluator.corrupted(kind, style);
        int hits = 0;
        for (ToyProblem p : items) {
            ScoredAnswer a = index.get(new Key(condition, model, "", p.id()));
            if (a == null) {
                return Double.NaN;
            }
            CorruptedCot cot = kind.apply(p, style);
            String expected = Integer.toString(follow ? cot.conclusion() : p.answer());
            if (a.answer().equals(expected)) {
                hits++;
            }
        }
        return hits / (double) items.size();
    }

    /** Whether the corrupted-chain conditions were run. */
    public boolean hasCorruptions() {
        return answers.stream().anyMatch(a -> a.condition().contains("/"));
    }
}
