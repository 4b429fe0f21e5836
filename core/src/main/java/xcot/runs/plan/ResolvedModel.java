package xcot.runs.plan;

import xcot.runs.config.Grammars;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import xcot.gguf.GgufFile;
import xcot.profiles.Detection;
import xcot.profiles.ModelProfile;
import xcot.runs.config.ModelConfig;

/**
 * A configured model with everything known before it is loaded: its file, the file's SHA-256 (part of every cache
 * key), its header, the profile in force (detected or configured) and its grammar.
 *
 * @param detection what detection found; empty when the config names a profile and detection could not decide
 */
public record ResolvedModel(ModelConfig config, Path path, String sha256, GgufFile gguf, Optional<Detection> detection,
                            ModelProfile profile, Optional<Grammars.Spec> grammar) {
    public ResolvedModel {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(gguf, "gguf");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(grammar, "grammar");
    }

    public String name() {
        return config.name();
    }
}
