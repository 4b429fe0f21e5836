package xcot.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The zoo's configuration: the shared {@link TrainingRecipe}, the models of the committed zoo, and the small model
 * that CI trains from scratch on every build. The committed zoo's configuration (shapes, styles, seeds, budgets) lives
 * in one file, the resource {@value #RESOURCE}; {@link #read(Path)} reads another file of the same format.
 */
public record ZooConfig(TrainingRecipe recipe, List<ZooModel> models, ZooModel ciModel) {
    public static final String RESOURCE = "/xcot/zoo/zoo.yaml";

    public ZooConfig {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(ciModel, "ciModel");
        models = List.copyOf(models);
        Set<String> names = new HashSet<>();
        for (ZooModel m : models) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("model name '" + m.name() + "' appears twice");
            }
        }
    }

    /** Read once: the resource cannot change while the JVM runs, and the record is immutable. */
    private static volatile ZooConfig committed;

    /** The committed zoo's configuration. */
    public static ZooConfig committed() {
        ZooConfig c = committed;
        if (c == null) {
            c = readCommitted();   // two threads may both read it; both get equal values
            committed = c;
        }
        return c;
    }

    private static ZooConfig readCommitted() {
        try (InputStream in = ZooConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            return ZooConfigReader.parse(in.readAllBytes(), "zoo.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A configuration file in the format of {@value #RESOURCE}. */
    public static ZooConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ZooConfigException(file + ": " + xcot.io.InputFiles.reason(e));
        }
        return ZooConfigReader.parse(bytes, file.toString());
    }

    public Optional<ZooModel> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The model called {@code name}, or the CI model when the name is its name. */
    public ZooModel require(String name) {
        if (ciModel.name().equals(name)) {
            return ciModel;
        }
        return model(name).orElseThrow(() -> new ZooConfigException("no zoo model '" + name + "' (known: "
                + String.join(", ", models.stream().map(ZooModel::name).toList()) + ", " + ciModel.name() + ")"));
    }
}
