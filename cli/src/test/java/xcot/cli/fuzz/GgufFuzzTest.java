package xcot.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufValue;
import xcot.gguf.GgufValueType;

/**
 * The GGUF fuzz corpus: seeded mutations of the two fuzz fixtures (header fields, key-value pairs of every type,
 * hyperparameters, the vocabulary, tensor infos and tensor data) go through {@code xcot models inspect}, {@code xcot
 * models check} and {@code xcot generate} in a child JVM ({@link FuzzWorker}), which is restarted after a crash.
 * Required over the whole run: no abort, no hang, every failure exactly one line naming the file, the three commands
 * consistent (a file inspect refuses is never loaded; a file that passes the check generates), and at least
 * {@value #MIN_DISTINCT} distinct inputs. A crashing input is kept under {@code target/fuzz-crashes} for the
 * regression corpus ({@code src/test/resources/xcot/fuzz/regressions}, run by {@link FuzzRegressionTest}).
 * Reproducible: the seed is fixed, and every input describes its mutations in one line.
 */
class GgufFuzzTest {
    static final int MIN_DISTINCT = 200;
    static final String SEED = "20261206";

    private static Path dir;
    private static final Map<String, ModelParts> BASES = new LinkedHashMap<>();
    private static final Map<String, Long> DATA_OFFSETS = new LinkedHashMap<>();
    private static final Map<String, List<String>> TOKENS = new LinkedHashMap<>();
    private static FuzzCorpus corpus;
    private static final Set<String> seen = new HashSet<>();
    private static int unwritable;
    private static int duplicates;
    private static long startNanos;

    @BeforeContainer
    static void setUp() throws IOException {
        startNanos = System.nanoTime();
        dir = Files.createTempDirectory("xcot-fuzz");
        for (Path base : List.of(FuzzFixtures.llama(dir), FuzzFixtures.qwen3(dir))) {
            ModelParts parts = ModelParts.read(base);
            BASES.put(parts.architecture, parts);
            DATA_OFFSETS.put(parts.architecture, GgufReader.read(base).dataOffset());
            TOKENS.put(parts.architecture, ((GgufValue.StringArray) parts.kv.get(GgufKeys.TOKENS)).values());
        }
        corpus = new FuzzCorpus(dir);
    }

    @AfterContainer
    static void report() throws Exception {
        if (corpus == null) {
            return;
        }
        corpus.close();
        int distinct = seen.size();
        System.out.printf(Locale.ROOT, "GGUF fuzz corpus (seed %s): %d distinct inputs in %.1f s, %d worker start(s); "
                        + "%s; %d duplicate and %d unwritable tries skipped; aborts of xcot %d, hangs %d, problems %d%n",
                SEED, distinct, (System.nanoTime() - startNanos) / 1e9, corpus.workerStarts(), corpus.outcomes,
                duplicates, unwritable, corpus.outcomes.getOrDefault("ABORT", 0),
                corpus.outcomes.getOrDefault("HANG", 0), corpus.problems.size());
        corpus.problems.forEach(p -> System.out.println("  problem: " + p));
        corpus.contained.forEach(c -> System.out.println("  contained: " + c));
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertTrue(corpus.problems.isEmpty(), corpus.problems.size() + " problems, first: "
                + (corpus.problems.isEmpty() ? "" : corpus.problems.getFirst()));
        assertTrue(distinct >= MIN_DISTINCT, "only " + distinct + " distinct inputs");
    }

    @Property(tries = 300, seed = SEED, shrinking = ShrinkingMode.OFF)
    void noInputAbortsHangsOrFailsWithMoreThanOneLine(@ForAll("inputs") FuzzInput input) throws Exception {
        byte[] bytes;
        try {
            bytes = input.bytes(BASES.get(input.fixture()));
        } catch (IllegalArgumentException e) {
            unwritable++;
            return;
        }
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        if (!seen.add(sha)) {
            duplicates++;
            return;
        }
        Path file = dir.resolve("input-" + sha.substring(0, 16) + ".gguf");
        Files.write(file, bytes);
        if (corpus.judge(file, input.describe())) {
            Path crashes = Files.createDirectories(Path.of("target", "fuzz-crashes"));
            Files.copy(file, crashes.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(crashes.resolve(file.getFileName() + ".txt"), input.describe() + "\n");
        }
        Files.delete(file);
    }

    @Provide
    Arbitrary<FuzzInput> inputs() {
        return Arbitraries.of(List.copyOf(BASES.keySet())).flatMap(this::inputsFor);
    }

    private Arbitrary<FuzzInput> inputsFor(String fixture) {
        Arbitrary<List<Edit>> edits = edits(fixture).list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<List<ByteEdit>> byteEdits = byteEdits(fixture).list().ofMinSize(0).ofMaxSize(1);
        return Combinators.combine(edits, byteEdits).as((e, b) -> new FuzzInput(fixture, e, b))
                .filter(i -> !i.edits().isEmpty() || !i.byteEdits().isEmpty());
    }

    private Arbitrary<Edit> edits(String fixture) {
        ModelParts base = BASES.get(fixture);
        List<String> keys = new ArrayList<>(base.kv.keySet());
        int tokenCount = TOKENS.get(fixture).size();
        int tensorCount = base.tensors.size();
        Arbitrary<Integer> tensor = Arbitraries.integers().between(0, tensorCount - 1);
        Arbitrary<Integer> tokenIndex = Arbitraries.oneOf(Arbitraries.of(0, 1, 2, 3, 10, 100, 258, 259, 260,
                tokenCount - 1, tokenCount - 2), Arbitraries.integers().between(0, tokenCount - 1));
        Arbitrary<Edit> setKey = Arbitraries.oneOf(Arbitraries.of(keys), Arbitraries.of(EXTRA_KEYS))
                .flatMap(k -> values(base, k).map(v -> (Edit) new Edit.SetKey(k, v)));
        Arbitrary<Edit> removeKey = Arbitraries.of(keys).map(Edit.RemoveKey::new);
        Arbitrary<Edit> token = Combinators.combine(tokenIndex, Arbitraries.of(Edit.TokenText.class))
                .as(Edit.Token::new);
        Arbitrary<Edit> resize = Combinators.combine(Arbitraries.of(GgufKeys.TOKENS, GgufKeys.TOKEN_TYPE,
                GgufKeys.SCORES, GgufKeys.MERGES), Arbitraries.of(-100_000, -1, 1, 3)).as(Edit.ResizeArray::new);
        Arbitrary<Edit> element = Combinators.combine(Arbitraries.of(GgufKeys.TOKEN_TYPE, GgufKeys.SCORES),
                tokenIndex, Arbitraries.of(-1L, 0L, 5L, 6L, 7L, 99L, 0x7FC0_0000L, 0x7F80_0000L, 0xFF80_0000L))
                .as(Edit.ArrayElement::new);
        Arbitrary<Edit> shape = Combinators.combine(tensor, Arbitraries.integers().between(0, 2),
                Arbitraries.of(1L, 2L, 8L, 16L, 31L, 32L, 33L, 48L, 64L, 128L, 305L, 517L)).as(Edit.TensorShape::new);
        Arbitrary<Edit> type = Combinators.combine(tensor, Arbitraries.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16,
                GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.I32)).as(Edit.TensorType::new);
        Arbitrary<Edit> name = Combinators.combine(tensor, Arbitraries.of("blk.0.attn_q.bias", "blk.1.attn_q.weight",
                "output.weight", "rope_freqs.weight", "blk.0.attn_qkv.weight", "x", "blk.0.ffn_gate_exps.weight",
                "blk.0.attn_q_norm.weight")).as(Edit.TensorName::new);
        Arbitrary<Edit> drop = tensor.map(Edit.DropTensor::new);
        Arbitrary<Edit> bits = Combinators.combine(tensor, Arbitraries.integers().between(0, 5000),
                Arbitraries.of(Edit.NonFinite.class)).as(Edit.TensorBits::new);
        return Arbitraries.frequencyOf(Tuple.of(8, setKey), Tuple.of(2, removeKey), Tuple.of(4, token),
                Tuple.of(2, resize), Tuple.of(2, element), Tuple.of(3, shape), Tuple.of(2, type), Tuple.of(2, name),
                Tuple.of(1, drop), Tuple.of(2, bits));
    }

    /** Keys llama.cpp reads that the fixtures do not have ({@code ARCH}: the architecture). */
    static final List<String> EXTRA_KEYS = List.of("ARCH.expert_count", "ARCH.expert_used_count",
            "ARCH.expert_group_count", "ARCH.nextn_predict_layers", "ARCH.rope.scaling.type",
            "ARCH.rope.scaling.factor", "ARCH.attention.key_length", "ARCH.attention.value_length",
            "ARCH.rope.dimension_count", "ARCH.attention.sliding_window", "ARCH.attention.layer_norm_epsilon",
            "ARCH.vocab_size", "ARCH.embedding_length_out", "ARCH.attention.causal", "ARCH.rope.scaling.attn_factor",
            "tokenizer.ggml.eot_token_id", "tokenizer.ggml.seperator_token_id", "tokenizer.ggml.add_eos_token",
            "tokenizer.ggml.add_sep_token", "tokenizer.ggml.pre", "tokenizer.ggml.merges", "tokenizer.ggml.scores",
            "tokenizer.ggml.unknown_token_id", "tokenizer.ggml.suppress_tokens", "general.alignment",
            "tokenizer.ggml.remove_extra_whitespaces", "tokenizer.ggml.add_space_prefix");

    /** Interesting values for a key: extremes of the key's own type, and values of every other type. */
    private static Arbitrary<GgufValue> values(ModelParts base, String key) {
        GgufValue original = base.kv.get(Edit.resolve(key, base));
        Arbitrary<GgufValue> otherTypes = Arbitraries.of(
                GgufValue.u8(255), GgufValue.i8(-1), GgufValue.u16(65535), GgufValue.i16(-32768),
                GgufValue.u32(0), GgufValue.u32(1), GgufValue.i32(-1), GgufValue.i32(2), GgufValue.u64(-1),
                GgufValue.i64(Long.MIN_VALUE), GgufValue.f32(Float.NaN), GgufValue.f64(1e300), GgufValue.bool(true),
                GgufValue.bool(false), GgufValue.string(""), GgufValue.string("qwen3"), GgufValue.string("gpt2"),
                GgufValue.string("llama"), GgufValue.string("yarn"), GgufValue.string("nonsense"),
                GgufValue.string("a\0b"), GgufValue.i32s(), GgufValue.i32s(0, 1), GgufValue.i32s(4),
                GgufValue.integers(GgufValueType.UINT32, 4, 0), GgufValue.f32s(Float.NaN),
                GgufValue.strings(List.of()), GgufValue.strings(List.of("a b", "b", "")),
                GgufValue.bools(true));
        Arbitrary<GgufValue> sameType = switch (original) {
            case GgufValue.IntValue i when i.type() == GgufValueType.UINT32 -> Arbitraries.of(0L, 1L, 2L, 3L, 7L,
                    8L, 15L, 16L, 17L, 32L, 33L, 64L, 255L, 256L, 304L, 305L, 512L, 513L, 1000L, 65_535L,
                    0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, i.value() + 1, Math.max(0, i.value() - 1),
                    i.value() * 2, i.value() / 2).map(v -> (GgufValue) GgufValue.u32(v));
            case GgufValue.FloatValue f when f.type() == GgufValueType.FLOAT32 -> Arbitraries.of(0f, -0f, -1f,
                    1e-30f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                    Float.MAX_VALUE, (float) f.value() * 2).map(v -> (GgufValue) GgufValue.f32(v));
            case GgufValue.StringValue s -> Arbitraries.of("", "llama", "qwen2", "qwen3", "gpt-oss", "gpt2", "bert",
                    "t5", "rwkv", "no_vocab", "none", "default", "qwen2 ", "kimi-k2", "yarn", "x".repeat(3000),
                    s.value() + "\uFFFD").map(v -> (GgufValue) GgufValue.string(v));
            case null -> Arbitraries.of(GgufValue.u32(0), GgufValue.u32(1), GgufValue.u32(2), GgufValue.u32(7),
                    GgufValue.u32(8), GgufValue.u32(1024), GgufValue.u32(1025), GgufValue.f32(0f),
                    GgufValue.f32(Float.NaN), GgufValue.f32(4f), GgufValue.string("yarn"),
                    GgufValue.string("bogus"), GgufValue.bool(true));
            default -> otherTypes;
        };
        return Arbitraries.frequencyOf(Tuple.of(3, sameType), Tuple.of(1, otherTypes));
    }

    private Arbitrary<ByteEdit> byteEdits(String fixture) {
        int header = (int) (long) DATA_OFFSETS.get(fixture);
        Arbitrary<Integer> inHeader = Arbitraries.integers().between(0, header + 64);
        Arbitrary<ByteEdit> overwrite = Combinators.combine(inHeader, Arbitraries.bytes()).as(ByteEdit.Overwrite::new);
        Arbitrary<ByteEdit> field = Combinators.combine(inHeader, Arbitraries.of(0L, 1L, -1L, 2L, 13L, 32L, 99L,
                0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE), Arbitraries.of(true, false)).as(ByteEdit.Field::new);
        Arbitrary<ByteEdit> truncate = Arbitraries.integers().between(0, header * 2).map(ByteEdit.Truncate::new);
        Arbitrary<ByteEdit> insert = Combinators.combine(inHeader,
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8)).as(ByteEdit.Insert::new);
        Arbitrary<ByteEdit> utf8 = Combinators.combine(Arbitraries.of(TOKENS.get(fixture)).filter(t -> !t.isEmpty()),
                Arbitraries.integers().between(0, 8), Arbitraries.of((byte) 0x80, (byte) 0xC0, (byte) 0xFF))
                .as(ByteEdit.BreakUtf8::new);
        return Arbitraries.frequencyOf(Tuple.of(2, overwrite), Tuple.of(2, field), Tuple.of(1, truncate),
                Tuple.of(1, insert), Tuple.of(3, utf8));
    }
}
