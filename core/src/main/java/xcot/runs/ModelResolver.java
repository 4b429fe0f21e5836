package xcot.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import xcot.fixtures.ModelShape;
import xcot.fixtures.TinyModels;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufReader;
import xcot.profiles.Detection;
import xcot.profiles.ModelProfile;
import xcot.profiles.ProfileDetector;
import xcot.profiles.SamplingDefaults;
import xcot.runs.config.ConfigException;
import xcot.runs.config.Grammars;
import xcot.runs.config.ModelConfig;
import xcot.runs.config.ModelSource;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.store.FileHashes;
import xcot.runs.store.RunStore;
import xcot.zoo.CommittedZoo;

/** Turns a {@link ModelConfig} into a {@link ResolvedModel}: file, hash, header, profile. No native code. */
final class ModelResolver {
    private ModelResolver() {}

    static ResolvedModel resolve(ModelConfig config, RunStore store, String source) {
        Path path = switch (config.source()) {
            case ModelSource.File f -> f.path();
            case ModelSource.RandomFixture f -> fixture(f);
            case ModelSource.Zoo z -> CommittedZoo.path(z.name());
        };
        GgufFile gguf;
        try {
            gguf = GgufReader.read(path);
        } catch (GgufException e) {
            throw new ConfigException(source, config.line(), "model '" + config.name() + "': " + e.getMessage());
        }
        Optional<Detection> detection = detect(gguf, config, source);
        Optional<String> template = detection.flatMap(Detection::chatTemplate);
        ModelProfile profile = config.profile().isPresent()
                ? ModelProfile.of(config.profile().get(), template)
                : detection.orElseThrow().profile();
        SamplingDefaults sampling = profile.sampling().with(config.temperature().orElse(null),
                config.topK().orElse(null), config.topP().orElse(null), config.minP().orElse(null));
        return new ResolvedModel(config, path, FileHashes.sha256(path, store), gguf, detection,
                profile.withSampling(sampling), config.grammar().flatMap(Grammars::byName));
    }

    /** Detection always runs (its reasons are reported); its failure matters only when no profile is configured. */
    private static Optional<Detection> detect(GgufFile gguf, ModelConfig config, String source) {
        try {
            return Optional.of(ProfileDetector.detect(gguf));
        } catch (GgufException | IllegalArgumentException e) {
            if (config.profile().isEmpty()) {
                throw new ConfigException(source, config.line(), "model '" + config.name() + "': " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static Path fixture(ModelSource.RandomFixture f) {
        try {
            return TinyModels.cachedQwen3(ModelShape.tiny().withLayers(f.layers()).withContextLength(f.contextLength()),
                    f.seed());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the random-weight fixture (seed " + f.seed() + "): "
                    + e.getMessage(), e);
        }
    }
}
