package xcot.gguf.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufFormatException;
import xcot.gguf.GgufTensorInfo;

/**
 * Tensor storage that ggml's CPU backend can use, for every architecture (types it can compute with, aligned data),
 * and the tensor shapes
 * {@code load_arch_tensors} of {@code src/models/llama.cpp}, {@code qwen2.cpp} and {@code qwen3.cpp}
 * expect from the hyperparameters, for the tensors that are present (which tensors must exist, and optional ones
 * such as biases, are left to llama.cpp, which refuses a missing one without aborting). A shape that does not follow
 * the hyperparameters means one of them is wrong; saying which tensor disagrees is clearer than llama.cpp's refusal.
 */
final class TensorRules {
    /**
     * Types ggml stores but has no CPU matrix product for ({@code vec_dot} is NULL in {@code ggml-cpu.c}'s type
     * traits): a weight of one of these loads, and the first decode jumps to address 0 (SIGSEGV).
     */
    static final Set<GgmlType> NO_MATRIX_PRODUCT = EnumSet.of(GgmlType.I8, GgmlType.I16, GgmlType.I32,
            GgmlType.I64, GgmlType.F64);

    private TensorRules() {}

    /** {@code TENSOR_ALIGNMENT} in {@code ggml-backend.cpp}: a mapped tensor's data must start at a multiple of it. */
    static final int TENSOR_ALIGNMENT = 32;

    static void checkStorage(GgufFile gguf) throws GgufFormatException {
        for (GgufTensorInfo t : gguf.tensors()) {
            // The file is mapped at a page boundary, so a tensor's address is aligned as its file offset is; ggml
            // asserts 32 (a file with general.alignment below 32 can break this).
            long at = gguf.absoluteOffset(t);
            if (at % TENSOR_ALIGNMENT != 0) {
                throw LoadRules.refuse(gguf.path().toString(), "tensor '" + t.name() + "' starts at byte " + at
                        + ", not a multiple of " + TENSOR_ALIGNMENT + " (general.alignment is " + gguf.alignment()
                        + "); ggml asserts " + TENSOR_ALIGNMENT + "-byte aligned tensor data");
            }
            if (NO_MATRIX_PRODUCT.contains(t.type())) {
                throw LoadRules.refuse(gguf.path().toString(), "tensor '" + t.name() + "' has type " + t.type()
                        + ", which ggml's CPU backend cannot multiply with (the first decode would crash)");
            }
            // Norm weights and biases enter element-wise products and sums with F32 activations, which ggml's CPU
            // binary ops support only with an F32 second operand (binary-ops.cpp: GGML_ABORT otherwise).
            if ((t.name().endsWith("norm.weight") || t.name().endsWith(".bias")) && t.type() != GgmlType.F32) {
                throw LoadRules.refuse(gguf.path().toString(), "tensor '" + t.name() + "' has type " + t.type()
                        + "; norm weights and biases must be F32 (ggml aborts on the first decode otherwise)");
            }
        }
    }

    static void checkShapes(GgufFile gguf, Hyperparameters h, int vocabularySize) throws GgufFormatException {
        long e = h.embedding();
        long q = h.architecture().equals("qwen2") ? e : h.heads() * h.headK();
        long k = h.headsKv() * h.headK();
        long v = h.headsKv() * h.headV();
        long f = h.feedForward();
        List<Expected> expected = new ArrayList<>();
        expected.add(new Expected("token_embd.weight", e, vocabularySize));
        expected.add(new Expected("output.weight", e, vocabularySize));
        expected.add(new Expected("output_norm.weight", e));
        for (int il = 0; il < h.layers(); il++) {
            String b = "blk." + il + ".";
            expected.add(new Expected(b + "attn_norm.weight", e));
            expected.add(new Expected(b + "attn_qkv.weight", e, q + k + v));
            expected.add(new Expected(b + "attn_q.weight", e, q));
            expected.add(new Expected(b + "attn_k.weight", e, k));
            expected.add(new Expected(b + "attn_v.weight", e, v));
            expected.add(new Expected(b + "attn_output.weight", q, e));
            if (h.architecture().equals("qwen3")) {
                expected.add(new Expected(b + "attn_q_norm.weight", h.headK()));
                expected.add(new Expected(b + "attn_k_norm.weight", h.headK()));
            }
            expected.add(new Expected(b + "ffn_norm.weight", e));
            expected.add(new Expected(b + "ffn_gate.weight", e, f));
            expected.add(new Expected(b + "ffn_up.weight", e, f));
            expected.add(new Expected(b + "ffn_down.weight", f, e));
        }
        for (Expected x : expected) {
            GgufTensorInfo t = gguf.tensor(x.name()).orElse(null);
            if (t != null && !sameShape(t.shape(), x.shape())) {
                throw LoadRules.refuse(gguf.path().toString(), "tensor '" + x.name() + "' has shape " + t.shape()
                        + ", but the hyperparameters (" + describe(h, vocabularySize) + ") give " + x.shape());
            }
        }
    }

    /** llama.cpp compares all four dimensions, a missing one counting as 1. */
    private static boolean sameShape(List<Long> actual, List<Long> expected) {
        for (int d = 0; d < GgufTensorInfo.MAX_DIMS; d++) {
            long a = d < actual.size() ? actual.get(d) : 1;
            long x = d < expected.size() ? expected.get(d) : 1;
            if (a != x) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Hyperparameters h, int vocabularySize) {
        return "embedding " + h.embedding() + ", heads " + h.heads() + "/" + h.headsKv() + " of " + h.headK()
                + ", feed-forward " + h.feedForward() + ", " + vocabularySize + " tokens";
    }

    private record Expected(String name, List<Long> shape) {
        Expected(String name, long... shape) {
            this(name, java.util.Arrays.stream(shape).boxed().toList());
        }
    }
}
