package xcot.formats;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import xcot.io.InputProblem;

/**
 * One published Instruction Induction setting as {@link GenexInductionFiles} read it: every model's answers with the
 * stored accuracies, and the stored pairwise similarities.
 *
 * @param condition   the CoT condition, as xcot names it ({@code empty}, {@code default-without-answer},
 *                    {@code transfer-full}, {@code ensemble}, ...)
 * @param source      the inserted CoT's source model or ensemble combination, for transfers and ensembles
 * @param models      the models, in the order their directories were given
 * @param answers     one per model and item found, items in the paper's order
 * @param comparisons the stored pairwise rows (empty when no comparison directory was given)
 * @param problems    what was skipped, one line each
 */
public record GenexInductionSetting(String condition, Optional<String> source, List<String> models,
        List<GenexInductionAnswer> answers, List<GenexInductionComparison> comparisons, List<InputProblem> problems) {
    public GenexInductionSetting {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(source, "source");
        models = List.copyOf(models);
        answers = List.copyOf(answers);
        comparisons = List.copyOf(comparisons);
        problems = List.copyOf(problems);
    }

    /** The answers that carry a stored accuracy: the rows of the published accuracy files. */
    public List<GenexInductionAnswer> accuracyRows() {
        return answers.stream().filter(a -> a.storedAccuracy().isPresent()).toList();
    }
}
