package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.fixtures.Architecture;
import xcot.fixtures.ModelShape;
import xcot.fixtures.TinyModels;
import xcot.gguf.GgmlType;
import xcot.llm.ContextOptions.CacheType;
import xcot.llm.Model;
import xcot.llm.ModelOptions;

/**
 * The Q8_0 KV cache option: it needs flash attention and heads a whole number of 32-value blocks, and it scores
 * within quantization noise of F16 (on a seeded tiny model whose heads are 32 wide).
 */
class QuantizedCacheTest {
    private static final List<String> SUFFIXES = List.of(" The score is 3.", " Next, check the age.");

    @Test
    void q8CacheNeedsFlashAttentionAndWholeBlocks() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new SessionOptions(2048, 1, 128, 17, false, false, 1,
                CacheType.Q8_0));
        assertTrue(SessionOptions.of(2048, 1).withKvCacheType(CacheType.Q8_0).flashAttention());
        try (Model tiny = Model.load(TinyEnsemble.path(TinyEnsemble.SEEDS[2]), ModelOptions.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IncrementalModel.open("e",
                    tiny, SessionOptions.of(2048, 1).withKvCacheType(CacheType.Q8_0), null, true));
            assertTrue(e.getMessage().contains("multiples of 32"), e.getMessage());
        }
    }

    @Test
    void q8CacheScoresWithinQuantizationNoiseOfF16() throws Exception {
        ModelShape wideHeads = new ModelShape(Architecture.QWEN3, 2, 64, 2, 1, 32, 128, 151_669, 2048, 1e6f, 1e-6f,
                GgmlType.Q8_0, GgmlType.F16, true);
        try (Model model = Model.load(TinyModels.cachedQwen3(wideHeads, 7), ModelOptions.defaults())) {
            SessionOptions flash = SessionOptions.of(2048, 1).withFlashAttention(true);
            double[] f16;
            double[] q8;
            try (IncrementalModel e = IncrementalModel.open("f16", model, flash, null, true)) {
                e.start(TinyEnsemble.PROMPT);
                f16 = e.meanNllNats(SUFFIXES, ScoreSpan.FULL_SEQUENCE);
            }
            try (IncrementalModel e = IncrementalModel.open("q8", model, flash.withKvCacheType(CacheType.Q8_0), null,
                    true)) {
                e.start(TinyEnsemble.PROMPT);
                q8 = e.meanNllNats(SUFFIXES, ScoreSpan.FULL_SEQUENCE);
            }
            assertEquals(SUFFIXES.size(), q8.length);
            assertArrayEquals(f16, q8, 1e-2 * f16[0], "Q8_0 keys and values move the mean NLL by little");
            System.out.printf("Q8_0 vs F16 KV cache: mean NLL %s vs %s%n", java.util.Arrays.toString(q8),
                    java.util.Arrays.toString(f16));
        }
    }
}
