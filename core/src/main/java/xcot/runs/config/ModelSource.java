package xcot.runs.config;

import java.nio.file.Path;

/** Where a run's model file comes from. */
public sealed interface ModelSource {
    /** A GGUF file on disk (relative paths are resolved against the config file's folder). */
    record File(Path path) implements ModelSource {}

    /**
     * A seeded random-weight qwen3 with the real Qwen3 tokenizer and chat template ({@link
     * xcot.fixtures.TinyModels}), written once into the fixture cache. Its text is gibberish; it shows the machinery.
     */
    record RandomFixture(long seed, int layers, int contextLength) implements ModelSource {}

    /**
     * A toy reasoning model of the zoo committed with xcot ({@link xcot.zoo.CommittedZoo}: trained by
     * {@code xcot zoo train}), extracted once from the class path into the cache.
     */
    record Zoo(String name) implements ModelSource {}
}
