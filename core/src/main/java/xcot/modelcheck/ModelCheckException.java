package xcot.modelcheck;

import java.nio.file.Path;
import xcot.llm.LlamaException;

/** A model file failed the isolated check (now or in a cached result), or the check itself could not run. */
public final class ModelCheckException extends LlamaException {
    private final Path path;

    public ModelCheckException(Path path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    ModelCheckException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
