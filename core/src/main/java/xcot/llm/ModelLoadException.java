package xcot.llm;

import java.nio.file.Path;

/** A model file could not be loaded: missing, not a valid GGUF, or rejected by llama.cpp. */
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

    public Path path() {
        return path;
    }
}
