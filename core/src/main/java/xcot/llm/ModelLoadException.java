package xcot.llm;

import java.nio.file.Path;

/**
 * A model file could not be loaded: missing, not a valid GGUF, refused by xcot's checks, or rejected by llama.cpp. The
 * message is one line that starts with the file.
 */
public final class ModelLoadException extends LlamaException {
    private final Path path;

    public ModelLoadException(Path path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public ModelLoadException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
    }

    /** A file the GGUF reader or {@code LoadRules} refused; its message already names the file. */
    public ModelLoadException(xcot.gguf.GgufException cause) {
        super(cause.getMessage(), cause);
        this.path = Path.of(cause.file());
    }

    public Path path() {
        return path;
    }
}
