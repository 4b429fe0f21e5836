package xcot.zoo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import xcot.fixtures.TokenizerSpec;
import xcot.gguf.GgmlType;
import xcot.llm.ModelOptions;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToyVocabulary;

/**
 * Parses the zoo YAML: an unknown key, a missing or ill-typed value, or a value the domain records refuse is one
 * {@link ZooConfigException} line {@code FILE:LINE: what is wrong}.
 */
final class ZooConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ZooConfigReader() {}

    record RecipeFile(String vocabulary, int contextTokens, int windowsPerEpoch, int validationWindows,
            float learningRate, int warmupSteps, float finalLearningRateFraction, int threads, String trainingWeights,
            String loading, String storage) {}

    record ModelFile(String name, List<String> styles, int embedding, int layers, int heads, long seed,
            int epochs) {}

    record ConfigFile(RecipeFile recipe, List<ModelFile> models, ModelFile ciModel) {}

    static ZooConfig parse(byte[] yaml, String source) {
        ConfigFile file;
        try {
            file = YAML.readValue(yaml, ConfigFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw error(source, e.getLocation(), "unknown key '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            throw error(source, e.getLocation(), e.getOriginalMessage().lines().findFirst().orElse("invalid"));
        } catch (JsonProcessingException e) {
            throw error(source, e.getLocation(), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ZooConfigException(source + ": " + xcot.io.InputFiles.reason(e));
        }
        if (file == null || file.recipe() == null || file.models() == null || file.ciModel() == null) {
            throw new ZooConfigException(source + ": needs the keys recipe, models and ci-model");
        }
        try {
            TrainingRecipe recipe = recipe(file.recipe());
            List<ZooModel> models = new ArrayList<>();
            for (ModelFile m : file.models()) {
                models.add(model(m));
            }
            return new ZooConfig(recipe, models, model(file.ciModel()));
        } catch (IllegalArgumentException e) {
            throw new ZooConfigException(source + ": " + e.getMessage());
        }
    }

    private static TrainingRecipe recipe(RecipeFile r) {
        return new TrainingRecipe(vocabulary(r.vocabulary()), r.contextTokens(), r.windowsPerEpoch(),
                r.validationWindows(), r.learningRate(), r.warmupSteps(), r.finalLearningRateFraction(), r.threads(),
                enumValue(GgmlType.class, "training-weights", r.trainingWeights()),
                enumValue(ModelOptions.Loading.class, "loading", r.loading()),
                enumValue(GgmlType.class, "storage", r.storage()));
    }

    private static ZooModel model(ModelFile m) {
        List<CotStyle> styles = (m.styles() == null ? List.<String>of() : m.styles()).stream()
                .map(CotStyle::parse).toList();
        return new ZooModel(m.name() == null ? "" : m.name(), styles, m.embedding(), m.layers(), m.heads(), m.seed(),
                m.epochs());
    }

    private static TokenizerSpec vocabulary(String name) {
        if ("toy".equals(name)) {
            return ToyVocabulary.spec();
        }
        throw new IllegalArgumentException("unknown vocabulary '" + name + "' (the zoo knows: toy)");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static ZooConfigException error(String source, JsonLocation at, String message) {
        String line = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
        return new ZooConfigException(source + line + ": " + message);
    }
}
