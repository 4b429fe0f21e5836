package xcot.tasks.toy;

import java.util.Optional;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;

/** Scores toy transcripts: the answer after {@code </think>} against {@code a+b+c}. */
public final class ToyScorer {
    private ToyScorer() {}

    /**
     * A transcript judged and wrapped as an xcot record; the answer string is the extracted number, or {@code ""}
     * with a failed outcome when there is none.
     *
     * @param transcript the model's text from the opening {@code <think>} on (an inserted CoT included)
     */
    public static ScoredAnswer score(ToyProblem problem, String condition, String model, Optional<String> sourceModel,
            String transcript) {
        Optional<String> answer = ToyAnswers.answer(transcript);
        Outcome outcome = answer.<Outcome>map(a -> Outcome.of(a.equals(Integer.toString(problem.answer()))))
                .orElseGet(() -> new Outcome.Failed(transcript.contains(ToyAnswers.THINK_CLOSE)
                        ? "no number after " + ToyAnswers.THINK_CLOSE
                        : "the thinking block was never closed"));
        return new ScoredAnswer(ToyTask.BENCHMARK, problem.id(), condition, model, sourceModel, answer.orElse(""),
                outcome);
    }
}
