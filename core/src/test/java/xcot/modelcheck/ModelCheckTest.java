package xcot.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.TinyModels;
import xcot.gguf.GgufTensor;
import xcot.gguf.GgufValue;
import xcot.gguf.TensorSource;
import xcot.gguf.rules.BrokenModels;
import xcot.llm.ModelLoadException;

/**
 * The isolated check end to end: a child JVM loads the model; a pass, a failure and a crash each become a cached
 * result; a crash or a stall of the child is one line and never touches this JVM.
 */
class ModelCheckTest {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private ModelCheck check() {
        return new ModelCheck(dir.resolve("cache"), false, TIMEOUT);
    }

    @Test
    void aValidModelPassesOnceAndIsThenAnsweredFromTheCache() throws IOException {
        Path model = BrokenModels.valid(dir);
        ModelCheck check = check();
        assertTrue(check.cached(model).isEmpty(), "never checked");
        CheckResult first = check.check(model, false);
        assertTrue(first.passed(), first.reason());
        assertFalse(first.deep());
        CheckResult again = new ModelCheck(dir.resolve("cache"), false, TIMEOUT).check(model, false);
        assertEquals(first, again, "the second check is the cached result");
        assertEquals(first, check.cached(model).orElseThrow());
        check.ensureChecked(model);
        // A deep request is not answered by a shallow pass.
        CheckResult deep = check.check(model, true);
        assertTrue(deep.passed() && deep.deep(), deep.reason());
    }

    @Test
    void aChangedFileIsNotAnsweredFromTheCache() throws IOException {
        Path model = BrokenModels.valid(dir);
        ModelCheck check = check();
        assertTrue(check.check(model, false).passed());
        TinyModels.write(BrokenModels.shape(), BrokenModels.SEED + 1, xcot.tasks.toy.ToyVocabulary.spec(), model);
        assertTrue(check.cached(model).isEmpty(), "the file changed: its old result does not count");
    }

    @Test
    void filesTheRulesRefuseNeedNoChild() throws IOException {
        Path bad = BrokenModels.withMetadata(dir, "layers.gguf", kv -> kv.put("llama.block_count", GgufValue.u32(0)));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> check().ensureChecked(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not loadable by llama.cpp: key 'llama.block_count' is 0"),
                e.getMessage());
        ModelLoadException dirError = assertThrows(ModelLoadException.class, () -> check().ensureChecked(dir));
        assertEquals(dir + ": is a directory, not a GGUF file", dirError.getMessage());
    }

    @Test
    void llamaCppRefusingTheFileIsACachedFailureWithItsReason() throws IOException {
        // A tensor the llama architecture does not have: the rules do not know every tensor, llama.cpp refuses.
        Path extra = BrokenModels.withTensors(dir, "extra.gguf", tensors -> {
            List<GgufTensor> out = new java.util.ArrayList<>(tensors);
            out.add(GgufTensor.of("blk.0.unknown.weight", xcot.gguf.GgmlType.F32,
                    TensorSource.ofBytes(new byte[4 * 32]), 32));
            return out;
        });
        ModelCheck check = check();
        CheckResult r = check.check(extra, false);
        assertFalse(r.passed());
        assertFalse(r.crashed());
        assertTrue(r.reason().startsWith("llama.cpp could not load the model: "), r.reason());
        assertTrue(r.reason().contains("wrong number of tensors"), r.reason());
        ModelCheckException e = assertThrows(ModelCheckException.class, () -> check.ensureChecked(extra));
        assertEquals(extra + ": " + r.reason(), e.getMessage());
    }

    @Test
    void deepCheckFindsANanWeightThatOneDecodeDoesNotUse() throws IOException {
        // 'z' is not in the probe's text, and this model has a separate output head: only --deep reads that row.
        Path nan = BrokenModels.untiedWithNanEmbedding(dir, "nan.gguf", 304);
        ModelCheck check = check();
        CheckResult shallow = check.check(nan, false);
        assertTrue(shallow.passed(), shallow.reason());
        CheckResult deep = check.check(nan, true);
        assertFalse(deep.passed());
        assertTrue(deep.reason().contains("tensor 'token_embd.weight' has invalid data"), deep.reason());
    }

    @Test
    void aCrashOfTheChildIsOneCachedLine() throws IOException {
        Path model = BrokenModels.valid(dir);
        ModelCheck check = new ModelCheck(dir.resolve("cache"), false, TIMEOUT,
                StandInChildren.Aborting.class.getName());
        CheckResult r = check.check(model, false);
        assertFalse(r.passed());
        assertTrue(r.crashed());
        assertEquals("the check process aborted (SIGABRT, exit 134) while llama.cpp read the model: "
                + "GGML_ASSERT(id_to_token.size() == token_to_id.size()) failed at src/llama-vocab.cpp:2501",
                r.reason());
        ModelCheckException e = assertThrows(ModelCheckException.class, () -> check.ensureChecked(model));
        assertEquals(model + ": " + r.reason(), e.getMessage());
        assertEquals(r, check().cached(model).orElseThrow(), "the crash is cached like any result");
    }

    @Test
    void aStalledChildIsKilledAndItsTimeoutNotCached() throws IOException {
        Path model = BrokenModels.valid(dir);
        ModelCheck check = new ModelCheck(dir.resolve("cache"), false, Duration.ofSeconds(3),
                StandInChildren.Hanging.class.getName());
        CheckResult r = check.check(model, false);
        assertFalse(r.passed());
        assertTrue(r.reason().startsWith("the check did not finish within 3 s"), r.reason());
        assertTrue(check.cached(model).isEmpty(), "a timeout says nothing about the file");
    }

    @Test
    void theCachedResultSurvivesInItsFile() throws IOException {
        Path model = BrokenModels.valid(dir);
        check().check(model, false);
        try (var files = Files.list(dir.resolve("cache"))) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".properties")).count());
        }
    }
}
