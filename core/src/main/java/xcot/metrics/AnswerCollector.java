package xcot.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The answers a scoring command streams in from its files, held as compactly as scoring allows: per answer the
 * benchmark, condition, source, model and item (strings shared among all answers that repeat them), the normalized
 * answer and the outcome, and nothing of a record's texts. Memory therefore grows with the answers kept (items x
 * models x settings), about 120 bytes each, not with the size of the files.
 *
 * <p>Answers the selection drops are not kept. A second answer with the same benchmark, condition, source, model and
 * item is refused at once, naming its file and line: every scoring path would refuse it later, and a file that
 * repeats one record (a bomb of copies) must not fill memory first.
 */
public final class AnswerCollector {
    private final Predicate<ScoredAnswer> keep;
    private final List<ScoredAnswer> answers = new ArrayList<>();
    private final Set<Key> seen = new HashSet<>();
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, Optional<String>> sources = new HashMap<>();
    private static final Outcome CORRECT = new Outcome.Correct();
    private static final Outcome INCORRECT = new Outcome.Incorrect();
    private long dropped;

    private record Key(String benchmark, String condition, Optional<String> source, String model, String item) {}

    /** A second answer to one item by one model in one setting; the message names the file and line. */
    public static final class DuplicateAnswerException extends IllegalArgumentException {
        DuplicateAnswerException(String message) {
            super(message);
        }
    }

    /** @param keep which answers to keep (a command's selection: a condition, a source, models left out) */
    public AnswerCollector(Predicate<ScoredAnswer> keep) {
        this.keep = keep;
    }

    /**
     * Keeps {@code answer} if the selection does.
     *
     * @throws DuplicateAnswerException if an answer with the same key was kept before
     */
    public void add(ScoredAnswer answer, String file, long line) {
        if (!keep.test(answer)) {
            dropped++;
            return;
        }
        ScoredAnswer compact = new ScoredAnswer(shared(answer.benchmark()), shared(answer.itemId()),
                shared(answer.condition()), shared(answer.model()), source(answer.sourceModel()),
                shared(answer.answer()), outcome(answer.outcome()));
        if (!seen.add(new Key(compact.benchmark(), compact.condition(), compact.sourceModel(), compact.model(),
                compact.itemId()))) {
            throw new DuplicateAnswerException(file + ":" + line + ": a second answer of model " + answer.model()
                    + " to item " + answer.itemId() + (answer.condition().isEmpty() ? "" : " (condition "
                    + answer.condition() + answer.sourceModel().map(s -> ", source " + s).orElse("") + ")")
                    + "; score one run per model");
        }
        answers.add(compact);
    }

    /** The kept answers in the order they were read (which fixes the order of models, items and settings). */
    public List<ScoredAnswer> answers() {
        return answers;
    }

    /** Answers read that the selection dropped. */
    public long dropped() {
        return dropped;
    }

    private String shared(String s) {
        String known = strings.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private Optional<String> source(Optional<String> source) {
        return source.isEmpty() ? source : sources.computeIfAbsent(shared(source.get()), Optional::of);
    }

    private Outcome outcome(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Correct c -> CORRECT;
            case Outcome.Incorrect i -> INCORRECT;
            case Outcome.Failed f -> new Outcome.Failed(shared(f.reason()));
            case Outcome.Graded g -> g;
        };
    }
}
