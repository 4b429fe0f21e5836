package xcot.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import xcot.fixtures.TinyModels;

/** The shared seeded tiny Qwen3 fixture for native tests (written once into the fixture cache). */
final class TinyModel {
    static final long SEED = 7;

    private TinyModel() {}

    static Path path() {
        try {
            return TinyModels.cachedTinyQwen3(SEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model load() {
        return Model.load(path(), ModelOptions.defaults());
    }
}
