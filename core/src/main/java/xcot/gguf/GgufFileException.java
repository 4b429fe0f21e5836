package xcot.gguf;

import java.io.IOException;

/**
 * A GGUF file could not be opened or read: it is missing, a directory, not readable, or an I/O error or a change
 * of the file happened while reading. The cause, when there is one, is the underlying {@link IOException}.
 */
public final class GgufFileException extends GgufException {
    GgufFileException(String file, String problem, IOException cause) {
        super(file, problem, cause);
    }
}
