package xcot.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import xcot.metrics.AgreementRule;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.induction.InductionData;
import xcot.tasks.induction.InductionScoring;
import xcot.tasks.induction.SimilarityScorer;

/**
 * Turns a published Instruction Induction setting into xcot's scored answers and the agreement rule that scores
 * their consistency, with the reference's stored similarities or with a similarity computed anew.
 *
 * <p>A stored similarity belongs to the texts it was computed on. Under {@link Quirk#II_SCORED_TRANSCRIPT} (part of
 * {@code --faithful}) the stored values are taken as they are, whatever text the reference scored. Without it, a
 * stored value is used only for the answer xcot extracts: a stored accuracy when the accuracy file's
 * {@code predicted_instruction} normalizes to the same text, a stored pair similarity when both recorded outputs
 * normalize like xcot's answers. A value that does not apply is not guessed: scoring stops with an error naming it.
 */
public final class GenexInductionScoring {
    /** Where the similarities come from. */
    public sealed interface Similarity {
        /** The reference's stored BERTScores (deberta-xlarge-mnli). */
        record Stored() implements Similarity {}

        /** A scorer applied to the answers, as xcot scores its own runs. */
        record Computed(SimilarityScorer scorer) implements Similarity {
            public Computed {
                Objects.requireNonNull(scorer, "scorer");
            }
        }
    }

    /**
     * The setting's scored answers (accuracy as {@link Outcome.Graded}), its consistency rule, and the pairs the rule
     * skips for want of a stored row (one line each).
     */
    public record Scored(List<ScoredAnswer> answers, AgreementRule rule, List<String> skipped) {
        public Scored {
            skipped = List.copyOf(skipped);
        }
    }

    /** Stored scores may exceed [0, 1] by float32 rounding; further out they are wrong, not rounded. */
    private static final double ROUNDING = 1e-6;

    private GenexInductionScoring() {}

    /**
     * @throws IllegalArgumentException with {@link Similarity.Stored}, when a stored value is missing for, or belongs
     *                                  to another text than, an answer or pair that is scored
     */
    public static Scored score(GenexInductionSetting setting, Quirks quirks, Similarity similarity) {
        boolean asScored = quirks.has(Quirk.II_SCORED_TRANSCRIPT);
        List<String> misses = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<ScoredAnswer> answers = new ArrayList<>();
        for (GenexInductionAnswer a : setting.answers()) {
            OptionalDouble accuracy = switch (similarity) {
                case Similarity.Stored s -> storedAccuracy(a, asScored, misses);
                case Similarity.Computed c -> OptionalDouble.of(InductionScoring.accuracy(
                        asScored ? a.scoredText().orElse(a.answer()) : a.answer(),
                        InductionData.annotations(a.task()), c.scorer()));
            };
            answers.add(new ScoredAnswer(InductionScoring.BENCHMARK, a.itemId(), setting.condition(), a.model(),
                    setting.source(), a.answer(), new Outcome.Graded(unit(accuracy.orElse(0.0), a))));
        }
        AgreementRule rule = switch (similarity) {
            case Similarity.Stored s -> stored(setting, asScored, misses, skipped);
            case Similarity.Computed c -> AgreementRule.similarity(
                    (x, y) -> InductionScoring.consistency(x, y, c.scorer()));
        };
        if (!misses.isEmpty()) {
            throw new IllegalArgumentException(misses.size() + " stored similarities do not apply (first: "
                    + misses.get(0) + "); score what the reference scored with --faithful, or compute the "
                    + "similarity with --similarity " + String.join("|", xcot.tasks.induction.Similarity.configNames()));
        }
        if (quirks.has(Quirk.II_PLOT_21_TASKS)) {
            rule = scaled(rule, InductionData.tasks().size() / (InductionData.tasks().size() + 1.0));
        }
        return new Scored(answers, rule, skipped);
    }

    private static OptionalDouble storedAccuracy(GenexInductionAnswer a, boolean asScored, List<String> misses) {
        if (a.storedAccuracy().isEmpty()) {
            misses.add("no stored accuracy for " + a.model() + " on " + a.itemId());
            return OptionalDouble.empty();
        }
        if (!asScored && a.scoredText().isPresent() && !InductionScoring.normalizeForAccuracy(a.scoredText().get())
                .equals(InductionScoring.normalizeForAccuracy(a.answer()))) {
            misses.add("the stored accuracy of " + a.model() + " on " + a.itemId() + " scored other text than the "
                    + "answer after the end-of-thinking marker (" + Quirk.II_SCORED_TRANSCRIPT.flag() + ")");
            return OptionalDouble.empty();
        }
        return a.storedAccuracy();
    }

    /**
     * Consistency by the stored pair rows; the rows each scored pair and item needs are checked up front. A pair
     * without a stored row for an item does not count that item (a warning each), as the reference's averages count
     * the rows they have; without any comparison directory there is nothing to score.
     */
    private static AgreementRule stored(GenexInductionSetting setting, boolean asScored, List<String> misses,
            List<String> skipped) {
        Map<String, GenexInductionComparison> rows = new HashMap<>();
        setting.comparisons().forEach(r -> rows.put(key(r.itemId(), r.modelA(), r.modelB()), r));
        Map<String, Map<String, GenexInductionAnswer>> byItem = new LinkedHashMap<>();
        setting.answers().forEach(a -> byItem.computeIfAbsent(a.itemId(), k -> new HashMap<>()).put(a.model(), a));
        for (Map<String, GenexInductionAnswer> ofItem : byItem.values()) {
            List<String> models = setting.models().stream().filter(ofItem::containsKey).toList();
            for (int i = 0; i < models.size(); i++) {
                for (int j = i + 1; j < models.size(); j++) {
                    GenexInductionAnswer a = ofItem.get(models.get(i));
                    GenexInductionAnswer b = ofItem.get(models.get(j));
                    GenexInductionComparison row = rows.get(key(a.itemId(), a.model(), b.model()));
                    if (row == null && setting.comparisons().isEmpty()) {
                        misses.add("no stored similarity of " + a.model() + " and " + b.model() + " on "
                                + a.itemId() + " (give the setting's comparison_results directory)");
                    } else if (row == null) {
                        skipped.add("no stored similarity of " + a.model() + " and " + b.model() + " on "
                                + a.itemId() + ": the pair does not count that item");
                    } else if (!asScored && !(sameForConsistency(row.answerOf(a.model()), a.answer())
                            && sameForConsistency(row.answerOf(b.model()), b.answer()))) {
                        misses.add("the stored similarity of " + a.model() + " and " + b.model() + " on "
                                + a.itemId() + " compared other text than their answers");
                    }
                }
            }
        }
        // Looked up by item and models whatever the texts: they were checked above.
        return AgreementRule.graded((a, b) -> {
            GenexInductionComparison row = rows.get(key(a.itemId(), a.model(), b.model()));
            return row == null ? OptionalDouble.empty() : OptionalDouble.of(row.storedSimilarity());
        });
    }

    private static boolean sameForConsistency(String recorded, String answer) {
        return InductionScoring.normalizeForConsistency(recorded).equals(InductionScoring.normalizeForConsistency(answer));
    }

    private static String key(String item, String modelA, String modelB) {
        return item + "\u0000" + (modelA.compareTo(modelB) < 0 ? modelA + "\u0000" + modelB : modelB + "\u0000" + modelA);
    }

    private static double unit(double score, GenexInductionAnswer a) {
        if (score < -ROUNDING || score > 1 + ROUNDING) {
            throw new IllegalArgumentException("the stored accuracy of " + a.model() + " on " + a.itemId() + " is "
                    + score + ", outside [0, 1]");
        }
        return Math.min(1.0, Math.max(0.0, score));
    }

    /** The (graded) rule with every agreement multiplied by {@code factor}. */
    private static AgreementRule scaled(AgreementRule rule, double factor) {
        return AgreementRule.graded((a, b) -> {
            OptionalDouble agreement = rule.agreement(a, b);
            return agreement.isEmpty() ? agreement : OptionalDouble.of(agreement.getAsDouble() * factor);
        });
    }
}
