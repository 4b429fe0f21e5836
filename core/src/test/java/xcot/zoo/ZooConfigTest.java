package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.TokenType;
import xcot.fixtures.TokenizerSpec;
import xcot.gguf.GgmlType;
import xcot.llm.ModelOptions;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToyVocabulary;

class ZooConfigTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedZooHasTheStudysShapes() {
        ZooConfig zoo = ZooConfig.committed();
        assertEquals(List.of("plain-a", "swap-b", "words-c", "mix-d", "weak-e"),
                zoo.models().stream().map(ZooModel::name).toList());
        // Parameter counts from the study's table (docs/toy-zoo.md), which counted V*E*2 + E + L*(2E + 4E^2 + 3E*F).
        Map<String, Long> params = Map.of("plain-a", 504_704L, "swap-b", 298_656L, "words-c", 504_704L,
                "mix-d", 717_952L, "weak-e", 145_856L);
        for (ZooModel m : zoo.models()) {
            assertEquals(params.get(m.name()), m.shape(zoo.recipe()).parameterCount(), m.name());
        }
        assertEquals(List.of(CotStyle.PLAIN, CotStyle.SWAP, CotStyle.WORDS), zoo.require("mix-d").styles());
        assertEquals(190, zoo.recipe().stepsPerEpoch());
        assertEquals(1_900, zoo.require("plain-a").steps(zoo.recipe()));
        assertEquals(GgmlType.F16, zoo.recipe().storage());
        assertEquals(32, zoo.require("plain-a").shape(zoo.recipe()).headDim(), "RoPE over the whole head");
        assertTrue(zoo.require(zoo.ciModel().name()).epochs() >= 1);
    }

    @Test
    void anUnknownKeyIsOneLineNamingFileAndLine() throws Exception {
        String yaml = committedYaml().replace("  threads: 2", "  threads: 2\n  treads: 3");
        ZooConfigException e = assertThrows(ZooConfigException.class, () -> ZooConfig.read(write(yaml)));
        assertTrue(e.getMessage().matches(".*zoo\\.yaml:\\d+: unknown key 'treads'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aBadTrainingConfigIsRefusedBeforeAnythingNative() throws Exception {
        // Parsing builds plain records; nothing here loads llama.cpp, so a refusal here is before any native call.
        assertRefused(committedYaml().replace("training-weights: F32", "training-weights: F16"),
                "training weights must be F32, not F16");
        assertRefused(committedYaml().replace("loading: READ", "loading: MMAP"),
                "loading must be READ, not MMAP");
        assertRefused(committedYaml().replace("loading: READ", "loading: AUTO"),
                "loading must be READ, not AUTO");
        assertRefused(committedYaml().replace("vocabulary: toy", "vocabulary: gpt2"),
                "unknown vocabulary 'gpt2'");
        assertRefused(committedYaml().replace("styles: [swap]", "styles: [swap, swap]"),
                "model swap-b: styles must be one or more distinct styles");
        assertRefused(committedYaml().replace("embedding: 96", "embedding: 90"),
                "model swap-b: embedding 90 / heads 4");
    }

    @Test
    void aVocabularyWithoutByteTokensIsRefused() {
        TokenizerSpec toy = ToyVocabulary.spec();
        List<String> tokens = new ArrayList<>(toy.tokens());
        List<TokenType> types = new ArrayList<>(toy.tokenTypes());
        types.set(3 + 0x41, TokenType.NORMAL);
        TokenizerSpec noByteA = new TokenizerSpec(toy.model(), toy.pre(), tokens, types, toy.scores(), toy.merges(),
                toy.special(), true, false, toy.addSpacePrefix(), toy.chatTemplate());
        TrainingRecipe good = ZooConfig.committed().recipe();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingRecipe(noByteA,
                good.contextTokens(), good.windowsPerEpoch(), good.validationWindows(), good.learningRate(),
                good.warmupSteps(), good.finalLearningRateFraction(), good.threads(), good.trainingWeights(),
                ModelOptions.Loading.READ, good.storage()));
        assertEquals("the vocabulary has no byte token <0x41>: llama.cpp's SentencePiece tokenizer needs all 256"
                + " (a missing one is a C++ exception that ends the JVM)", e.getMessage());
    }

    private void assertRefused(String yaml, String reason) throws Exception {
        ZooConfigException e = assertThrows(ZooConfigException.class, () -> ZooConfig.read(write(yaml)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("zoo.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String committedYaml() throws Exception {
        try (var in = ZooConfig.class.getResourceAsStream(ZooConfig.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
