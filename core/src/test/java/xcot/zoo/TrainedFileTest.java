package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.ModelShape;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufReader;
import xcot.llm.AdamW;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.TrainingDataset;
import xcot.llm.TrainingSession;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToySplit;

class TrainedFileTest {
    @TempDir
    Path dir;

    private static final String[] PROMPTS = {"6+1+9=", "0+1+3=<think> 0+1=1", "9+9+9=<think> 9+9=18 18+9=27 </think>"};

    @Test
    void cleanMetadataKeepsTheSavedWeightsBitForBit() throws Exception {
        ZooModel tiny = new ZooModel("tiny", List.of(CotStyle.PLAIN), 32, 1, 4, 9, 1);
        TrainingRecipe recipe = ZooConfig.committed().recipe();
        ModelShape shape = tiny.shape(recipe);
        Path untrained = dir.resolve("untrained.gguf");
        InitialWeights.write(shape, tiny.seed(), InitialWeights.metadata(shape, "tiny", recipe.vocabulary())
                .putString(ToyTrainer.KEY_STYLES, "plain").build(), untrained);
        Path saved = dir.resolve("saved.gguf");
        try (Model model = Model.load(untrained, new ModelOptions(0, ModelOptions.Loading.READ, false))) {
            try (Context context = model.newContext(ContextOptions.forTraining(256, 2));
                    TrainingSession session = context.startTraining(step -> AdamW.withLearningRate(2e-3f), null);
                    TrainingDataset dataset = TrainingDataset.create(12, 256, model.vocab().size())) {
                TrainingWindows windows = new TrainingWindows(TrainingWindows.examples(TrainingWindows.texts(
                        ToySplit.training(), tiny.styles())), 256, 1);
                for (int w = 0; w < 12; w++) {
                    dataset.setWindow(w, windows.next(), 0);
                }
                session.epoch(dataset, 10);
            }
            model.saveTo(saved);
        }
        GgufFile raw = GgufReader.read(saved);
        assertFalse(raw.metadata().contains(GgufKeys.FILE_TYPE), "llama.cpp's save has no file type");
        assertTrue(raw.metadata().size() > 60, "llama.cpp's save has every hyper-parameter: " + raw.metadata().size());

        Path clean = dir.resolve("clean.gguf");
        TrainedFile.write(untrained, saved, GgmlType.F32, clean);
        GgufFile kept = GgufReader.read(clean);
        assertEquals(GgufReader.read(untrained).metadata().toBuilder().set(GgufKeys.FILE_TYPE,
                xcot.gguf.GgufValue.u32(0)).build(), kept.metadata());
        assertEquals(GgufReader.read(untrained).tensors().stream().map(t -> t.name()).toList(),
                kept.tensors().stream().map(t -> t.name()).toList());
        assertFalse(java.util.Arrays.equals(GgufReader.read(untrained).readTensorBytes("blk.0.attn_k.weight"),
                kept.readTensorBytes("blk.0.attn_k.weight")), "attn_k was trained (patch 0002)");
        try (ToyModelRunner a = ToyModelRunner.open("saved", saved, 1);
                ToyModelRunner b = ToyModelRunner.open("clean", clean, 1)) {
            for (String prompt : PROMPTS) {
                assertArrayEquals(a.nextTokenLogits(prompt), b.nextTokenLogits(prompt), prompt);
            }
        }

        Path half = dir.resolve("f16.gguf");
        TrainedFile.write(untrained, saved, GgmlType.F16, half);
        GgufFile f16 = GgufReader.read(half);
        assertEquals(1, f16.metadata().getInt(GgufKeys.FILE_TYPE));
        assertEquals(GgmlType.F16, f16.tensor("blk.0.ffn_up.weight").orElseThrow().type());
        assertEquals(GgmlType.F16, f16.tensor("token_embd.weight").orElseThrow().type());
        assertEquals(GgmlType.F32, f16.tensor("output_norm.weight").orElseThrow().type());
        try (ToyModelRunner a = ToyModelRunner.open("clean", clean, 1);
                ToyModelRunner b = ToyModelRunner.open("f16", half, 1)) {
            for (String prompt : PROMPTS) {
                float[] x = a.nextTokenLogits(prompt);
                float[] y = b.nextTokenLogits(prompt);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 0.02 + 0.01 * Math.abs(x[i]), prompt + " token " + i);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TrainedFile.write(untrained, half, GgmlType.F32,
                dir.resolve("x.gguf")), "the trained file must hold F32 tensors");
    }
}
