package xcot.gguf.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.TinyModels;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFormatException;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufTensor;
import xcot.gguf.GgufValue;
import xcot.gguf.TensorSource;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.zoo.CommittedZoo;

/**
 * Each rule of {@link LoadRules} on a copy of a valid model with one value broken: refused with one line naming the
 * file, the key (or tensor, or token) and the value. The first two (block count, duplicate token) aborted the JVM in
 * llama.cpp before these rules; the others loaded and gave garbage without a word. Valid models pass.
 */
class LoadRulesTest {
    @TempDir
    Path dir;

    private String refusal(Path file) throws IOException {
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> LoadRules.check(GgufReader.read(file)));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": not loadable by llama.cpp: "), m);
        assertEquals(1, m.lines().count(), m);
        assertEquals(m.indexOf(file.toString()), m.lastIndexOf(file.toString()), "the path once: " + m);
        return m;
    }

    private static void contains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing in: " + message);
        }
    }

    @Test
    void validModelsPass() throws IOException {
        LoadRules.check(GgufReader.read(BrokenModels.valid(dir)));
        LoadRules.check(GgufReader.read(TinyModels.cachedTinyQwen3(7)));
        for (var model : CommittedZoo.models()) {
            LoadRules.check(GgufReader.read(model.file()));
        }
    }

    /**
     * llama.cpp's saver writes every hyperparameter (unused epsilons as 0) and absent special tokens as
     * {@code 0xFFFFFFFF}; its own files must pass.
     */
    @Test
    void aModelSavedByLlamaCppPasses() throws IOException {
        Path saved = dir.resolve("saved.gguf");
        Path untied = dir.resolve("untied.gguf");
        // Saved as the trainer saves: untied F32 weights, read into llama.cpp's buffers (saving a model with a tied
        // output head crashes the pinned llama.cpp in gguf_writer_file::write_tensor_data)
        TinyModels.write(BrokenModels.shape().withTiedOutput(false).withStorage(GgmlType.F32, GgmlType.F32),
                BrokenModels.SEED, xcot.tasks.toy.ToyVocabulary.spec(), untied);
        try (Model m = Model.load(untied, ModelOptions.defaults().withGpuLayers(0)
                .withLoading(ModelOptions.Loading.READ))) {
            m.saveTo(saved);
        }
        var metadata = GgufReader.read(saved).metadata();
        assertEquals(0xFFFF_FFFFL, metadata.getLong("tokenizer.ggml.eot_token_id"), "the case this test is about");
        assertEquals(0.0, metadata.getDouble("llama.attention.layer_norm_epsilon"), "the case this test is about");
        LoadRules.check(GgufReader.read(saved));
    }

    @Test
    void blockCountOutsideOneTo512() throws IOException {
        for (long n : new long[] {0, 513, 1000}) {
            Path f = BrokenModels.withMetadata(dir, "layers-" + n + ".gguf",
                    kv -> kv.put("llama.block_count", GgufValue.u32(n)));
            contains(refusal(f), "key 'llama.block_count' is " + n, "must be 1..512");
        }
    }

    @Test
    void duplicateTokenStrings() throws IOException {
        contains(refusal(BrokenModels.withToken(dir, "dup.gguf", 280, "a")),
                "tokens 279 and 280 of 'tokenizer.ggml.tokens' are both 'a'");
        // llama.cpp cuts a token at NUL and names an empty one [EMPTY_<id>]: both can collide too
        contains(refusal(BrokenModels.withToken(dir, "nul.gguf", 280, "a\0b")), "token 280", "NUL");
        Path empty = BrokenModels.withMetadata(dir, "empty.gguf", kv -> {
            List<String> tokens = new ArrayList<>(((GgufValue.StringArray) kv.get("tokenizer.ggml.tokens")).values());
            tokens.set(279, "");
            tokens.set(280, "[EMPTY_279]");
            kv.put("tokenizer.ggml.tokens", GgufValue.strings(tokens));
        });
        contains(refusal(empty), "tokens 279 and 280", "'[EMPTY_279]'");
    }

    @Test
    void tokenTypeOutsideLlamaCppsTypes() throws IOException {
        Path f = BrokenModels.withMetadata(dir, "type99.gguf", kv -> {
            int[] types = ((GgufValue.NumberArray) kv.get("tokenizer.ggml.token_type")).toIntArray();
            types[5] = 99;
            kv.put("tokenizer.ggml.token_type", GgufValue.i32s(types));
        });
        contains(refusal(f), "token 5 has type 99");
    }

    @Test
    void specialTokenIdsOutsideTheVocabulary() throws IOException {
        contains(refusal(BrokenModels.withMetadata(dir, "bos.gguf",
                kv -> kv.put("tokenizer.ggml.bos_token_id", GgufValue.u32(305)))),
                "key 'tokenizer.ggml.bos_token_id' is 305", "305-token vocabulary");
        contains(refusal(BrokenModels.withMetadata(dir, "eos.gguf",
                kv -> kv.put("tokenizer.ggml.eos_token_id", GgufValue.u32(1 << 20)))),
                "key 'tokenizer.ggml.eos_token_id' is 1048576");
    }

    @Test
    void nonFiniteOrZeroNormsAndRopeBase() throws IOException {
        contains(refusal(BrokenModels.withMetadata(dir, "rope.gguf",
                kv -> kv.put("llama.rope.freq_base", GgufValue.f32(Float.NaN)))), "'llama.rope.freq_base' is NaN");
        contains(refusal(BrokenModels.withMetadata(dir, "eps.gguf",
                kv -> kv.put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32(0f)))),
                "'llama.attention.layer_norm_rms_epsilon' is 0.0", "finite and positive");
        contains(refusal(BrokenModels.withMetadata(dir, "inf.gguf",
                kv -> kv.put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32(Float.POSITIVE_INFINITY)))),
                "is Infinity");
    }

    @Test
    void tokenThatIsNotUtf8() throws IOException {
        Path f = BrokenModels.valid(dir);
        byte[] bytes = Files.readAllBytes(f);
        byte[] needle = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN).putLong(6)
                .put("<0x41>".getBytes(StandardCharsets.US_ASCII)).array();
        int at = BrokenModels.indexOf(bytes, needle);
        assertTrue(at >= 0);
        bytes[at + 8] = (byte) 0xC3; // a two-byte lead followed by '0': malformed
        Path broken = Files.write(dir.resolve("utf8.gguf"), bytes);
        contains(refusal(broken), "token 68 of 'tokenizer.ggml.tokens' is not valid UTF-8");
    }

    @Test
    void sentencePieceVocabularyWithoutAByteToken() throws IOException {
        contains(refusal(BrokenModels.withToken(dir, "nobyte.gguf", 3 + 0xE9, "<0xE9>x")), "no byte token <0xE9>");
    }

    @Test
    void attentionHeadsThatDoNotFit() throws IOException {
        contains(refusal(BrokenModels.withMetadata(dir, "kv.gguf",
                kv -> kv.put("llama.attention.head_count_kv", GgufValue.u32(3)))),
                "key 'llama.attention.head_count_kv' is 3", "must divide the 4 heads");
        contains(refusal(BrokenModels.withMetadata(dir, "heads0.gguf",
                kv -> kv.put("llama.attention.head_count", GgufValue.u32(0)))), "'llama.attention.head_count' is 0");
        contains(refusal(BrokenModels.withMetadata(dir, "rot.gguf",
                kv -> kv.put("llama.rope.dimension_count", GgufValue.u32(4)))),
                "key 'llama.rope.dimension_count' is 4, must equal the head size 8");
        contains(refusal(BrokenModels.withMetadata(dir, "perlayer.gguf",
                kv -> kv.put("llama.attention.head_count", GgufValue.i32s(4, 4)))),
                "'llama.attention.head_count' has 2 elements for 1 layers");
    }

    @Test
    void expertCountsThatLlamaCppAsserts() throws IOException {
        contains(refusal(BrokenModels.withMetadata(dir, "experts.gguf",
                kv -> kv.put("llama.expert_count", GgufValue.u32(2000)))), "'llama.expert_count' is 2000");
        contains(refusal(BrokenModels.withMetadata(dir, "used.gguf",
                kv -> kv.put("llama.expert_used_count", GgufValue.u32(2)))),
                "'llama.expert_used_count' is 2, more than the 0 experts");
    }

    @Test
    void ropeScalingTypeAndValueTypes() throws IOException {
        contains(refusal(BrokenModels.withMetadata(dir, "scaling.gguf",
                kv -> kv.put("llama.rope.scaling.type", GgufValue.string("bogus")))),
                "'llama.rope.scaling.type' is 'bogus'");
        contains(refusal(BrokenModels.withMetadata(dir, "i32.gguf",
                kv -> kv.put("llama.block_count", GgufValue.i32(1)))),
                "key 'llama.block_count' has type INT32; llama.cpp reads UINT32");
    }

    @Test
    void addedBosWithoutABosToken() throws IOException {
        // SentencePiece adds BOS by default; with the id removed the default 1 is used, so move the default out
        Path f = BrokenModels.withMetadata(dir, "nobos.gguf", kv -> {
            kv.remove("tokenizer.ggml.bos_token_id");
            List<String> one = List.of("<unk>");
            kv.put("tokenizer.ggml.tokens", GgufValue.strings(one));
            kv.put("tokenizer.ggml.token_type", GgufValue.i32s(2));
            kv.put("tokenizer.ggml.scores", GgufValue.f32s(0f));
            kv.put("tokenizer.ggml.eos_token_id", GgufValue.u32(0));
            kv.put("tokenizer.ggml.padding_token_id", GgufValue.u32(0));
        });
        contains(refusal(f), "adds a BOS token but there is none");
    }

    @Test
    void tensorTypesTheCpuBackendCannotUse() throws IOException {
        Path i32 = BrokenModels.withTensors(dir, "i32.gguf", tensors -> retype(tensors, "blk.0.ffn_up.weight",
                GgmlType.I32));
        contains(refusal(i32), "tensor 'blk.0.ffn_up.weight' has type I32");
        Path norm = BrokenModels.withTensors(dir, "norm.gguf", tensors -> retype(tensors, "blk.0.ffn_norm.weight",
                GgmlType.F16));
        contains(refusal(norm), "tensor 'blk.0.ffn_norm.weight' has type F16", "must be F32");
    }

    @Test
    void tensorShapesThatDoNotFollowTheHyperparameters() throws IOException {
        Path f = BrokenModels.withMetadata(dir, "ff.gguf", kv -> kv.put("llama.feed_forward_length",
                GgufValue.u32(96)));
        contains(refusal(f), "tensor 'blk.0.ffn_gate.weight' has shape [32, 64]", "give [32, 96]");
    }

    @Test
    void wordPieceVocabularyWithByteTokens() throws IOException {
        Path f = BrokenModels.withMetadata(dir, "bert.gguf", kv -> kv.put("tokenizer.ggml.model",
                GgufValue.string("bert")));
        contains(refusal(f), "token 3 is a byte token", "WordPiece");
    }

    @Test
    void problemIsTheMessageWithoutTheFile() throws IOException {
        Path f = BrokenModels.withMetadata(dir, "p.gguf", kv -> kv.put("llama.block_count", GgufValue.u32(0)));
        assertEquals("not loadable by llama.cpp: key 'llama.block_count' is 0, must be 1..512 (llama.cpp asserts it)",
                LoadRules.problem(GgufReader.read(f)).orElseThrow());
        assertTrue(LoadRules.problem(GgufReader.read(BrokenModels.valid(dir))).isEmpty());
    }

    private static List<GgufTensor> retype(List<GgufTensor> tensors, String name, GgmlType type) {
        List<GgufTensor> out = new ArrayList<>();
        for (GgufTensor t : tensors) {
            if (t.name().equals(name)) {
                long elements = t.shape().stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
                out.add(new GgufTensor(name, t.shape(), type, TensorSource.ofBytes(new byte[(int) type.byteSize(
                        elements)])));
            } else {
                out.add(t);
            }
        }
        return out;
    }
}
