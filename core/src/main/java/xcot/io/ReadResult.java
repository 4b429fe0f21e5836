package xcot.io;

import java.util.List;

/**
 * What a tolerant reader returns: every value from a good line, and one problem per bad line. Readers never drop
 * valid lines because another line is bad; callers decide whether problems are fatal ({@link #orThrow()}).
 */
public record ReadResult<T>(List<T> values, List<InputProblem> problems) {
    public ReadResult {
        values = List.copyOf(values);
        problems = List.copyOf(problems);
    }

    /** The values, or an {@link InputFormatException} if any line was bad. */
    public List<T> orThrow() {
        if (!problems.isEmpty()) {
            throw new InputFormatException(problems);
        }
        return values;
    }
}
