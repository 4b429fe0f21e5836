package xcot.io;

import java.util.Objects;

/**
 * One bad line of an input file, reported as {@code file:line: message}. Line numbers start at 1; line 0 means the
 * file as a whole (unreadable, not gzip) and prints as {@code file: message}.
 */
public record InputProblem(String file, long line, String message) {
    public InputProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
