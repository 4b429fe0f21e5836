package xcot.io;

import java.util.List;

/**
 * Bad input that stops a read: a missing header column, an unreadable file, or lines that could not be used when the
 * caller asked for all of them. The message is one line naming file and line; {@link #problems()} has them all.
 */
public final class InputFormatException extends RuntimeException {
    private final List<InputProblem> problems;

    public InputFormatException(List<InputProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InputFormatException(InputProblem problem) {
        this(List.of(problem));
    }

    public List<InputProblem> problems() {
        return problems;
    }

    private static String summary(List<InputProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more bad lines)";
    }
}
