package xcot.gguf;

import java.io.IOException;

/**
 * A GGUF file could not be used: it is malformed ({@link GgufFormatException}) or could not be opened or read
 * ({@link GgufFileException}). The message is one line that starts with the file.
 */
public abstract sealed class GgufException extends IOException permits GgufFormatException, GgufFileException {
    private static final int MAX_QUOTED_CHARS = 80;

    private final String file;

    GgufException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file the problem is about, as given to the reader. */
    public String file() {
        return file;
    }

    /** The message without the file in front, for a caller that names the file itself. */
    public String detail() {
        return getMessage().substring(file.length() + 2);
    }

    /**
     * Quotes text taken from a file for a one-line message: control characters are escaped and long text is cut,
     * so a corrupt key or name can neither break the line nor flood it.
     */
    public static String quote(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_QUOTED_CHARS) + 8).append('\'');
        int n = Math.min(text.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (text.length() > n) {
            b.append("...(").append(text.length()).append(" chars)");
        }
        return b.append('\'').toString();
    }
}
