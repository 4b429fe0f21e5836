package xcot.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls real llama.cpp functions through the generated bindings: parameter defaults read through the struct
 * accessors (values from llama.cpp's source, see docs/performance-notes.md §2.1), structs passed and returned by value,
 * and every bound symbol resolving in the loaded libraries.
 */
class LlamaBindingsSmokeTest {

    @Test
    void systemInfoAndDeviceLimits() {
        assertTrue(llama_h.llama_max_devices() >= 1);
        String info = llama_h.llama_print_system_info().getString(0);
        assertTrue(info.contains("CPU"), info);
    }

    @Test
    void contextDefaultsReadThroughTheLayout() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = llama_h.llama_context_default_params(arena);
            assertEquals(llama_context_params.sizeof(), p.byteSize());
            assertEquals(512, llama_context_params.n_ctx(p));
            assertEquals(2048, llama_context_params.n_batch(p));
            assertEquals(512, llama_context_params.n_ubatch(p));
            assertEquals(1, llama_context_params.n_seq_max(p));
            assertEquals(1, llama_context_params.n_outputs_max_per_seq(p));
            assertEquals(llama_h.GGML_DEFAULT_N_THREADS(), llama_context_params.n_threads(p));
            assertEquals(4, llama_context_params.n_threads_batch(p));
            assertEquals(llama_h.LLAMA_FLASH_ATTN_TYPE_AUTO(), llama_context_params.flash_attn_type(p));
            assertEquals(-1, llama_context_params.flash_attn_type(p));
            assertEquals(llama_h.GGML_TYPE_F16(), llama_context_params.type_k(p));
            assertEquals(-1.0f, llama_context_params.yarn_ext_factor(p));
            assertFalse(llama_context_params.embeddings(p));
            assertTrue(llama_context_params.offload_kqv(p));
            assertTrue(llama_context_params.no_perf(p));
            assertTrue(llama_context_params.swa_full(p));
            assertFalse(llama_context_params.kv_unified(p));
            assertEquals(MemorySegment.NULL, llama_context_params.samplers(p));
            assertEquals(0L, llama_context_params.n_samplers(p));
            assertEquals(MemorySegment.NULL, llama_context_params.ctx_other(p));
        }
    }

    @Test
    void modelAndSamplerDefaults() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = llama_h.llama_model_default_params(arena);
            assertEquals(-1, llama_model_params.n_gpu_layers(m));
            assertEquals(llama_h.LLAMA_SPLIT_MODE_LAYER(), llama_model_params.split_mode(m));
            assertEquals(llama_h.LLAMA_LOAD_MODE_AUTO(), llama_model_params.load_mode(m));
            assertEquals(MemorySegment.NULL, llama_model_params.progress_callback(m));
            assertFalse(llama_model_params.vocab_only(m));
            assertTrue(llama_model_params.use_extra_bufts(m));
            assertFalse(llama_model_params.load_mtp(m));
            assertTrue(llama_sampler_chain_params.no_perf(llama_h.llama_sampler_chain_default_params(arena)));
        }
    }

    @Test
    void batchPassedAndReturnedByValue() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment batch = llama_h.llama_batch_init(arena, 8, 0, 3);
            assertEquals(llama_batch.sizeof(), batch.byteSize());
            assertEquals(0, llama_batch.n_tokens(batch));
            assertNotEquals(MemorySegment.NULL, llama_batch.token(batch));
            assertEquals(MemorySegment.NULL, llama_batch.embd(batch));
            MemorySegment seqIds = llama_batch.seq_id(batch);
            assertNotEquals(MemorySegment.NULL, seqIds);
            // Each token's seq_id row holds n_seq_max ids: write them all, as a caller filling the batch would.
            for (int t = 0; t < 8; t++) {
                MemorySegment row = seqIds.getAtIndex(llama_h.C_POINTER, t).reinterpret(3L * Integer.BYTES);
                for (int s = 0; s < 3; s++) {
                    row.setAtIndex(llama_h.C_INT, s, s);
                }
            }
            llama_h.llama_batch_free(batch);
        }
    }

    @Test
    void chatTemplateFillsAnArrayOfStructs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment messages = llama_chat_message.allocateArray(2, arena);
            llama_chat_message.role(llama_chat_message.asSlice(messages, 0), arena.allocateFrom("system"));
            llama_chat_message.content(llama_chat_message.asSlice(messages, 0), arena.allocateFrom("be brief"));
            llama_chat_message.role(llama_chat_message.asSlice(messages, 1), arena.allocateFrom("user"));
            llama_chat_message.content(llama_chat_message.asSlice(messages, 1), arena.allocateFrom("hello"));
            MemorySegment buffer = arena.allocate(256);
            int length = llama_h.llama_chat_apply_template(arena.allocateFrom("chatml"), messages, 2, true, buffer, 256);
            String prompt = new String(buffer.asSlice(0, length).toArray(llama_h.C_CHAR), StandardCharsets.UTF_8);
            assertEquals("<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n",
                    prompt);
        }
    }

    @Test
    void samplerKeepsItsSeed() {
        MemorySegment sampler = llama_h.llama_sampler_init_dist(1234);
        try {
            assertEquals(1234, llama_h.llama_sampler_get_seed(sampler));
            assertEquals("dist", llama_h.llama_sampler_name(sampler).getString(0));
        } finally {
            llama_h.llama_sampler_free(sampler);
        }
        assertEquals(-1, llama_h.LLAMA_DEFAULT_SEED(), "0xFFFFFFFF as a uint32_t argument");
    }

    /** A sampler implemented in Java through llama_sampler_i's function-pointer fields, driven by llama.cpp. */
    @Test
    void javaSamplerThroughItsInterfaceStruct() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom("xcot-java-sampler");
            MemorySegment iface = llama_sampler_i.allocate(arena);
            llama_sampler_i.name(iface, llama_sampler_i.name.allocate(smpl -> name, arena));
            llama_sampler_i.apply(iface, llama_sampler_i.apply.allocate((smpl, candidates) -> {
                MemorySegment array = llama_token_data_array.reinterpret(candidates, arena, null);
                long n = llama_token_data_array.size(array);
                MemorySegment data = llama_token_data.reinterpret(llama_token_data_array.data(array), n, arena, null);
                long best = 0;
                for (long i = 1; i < n; i++) {
                    if (llama_token_data.logit(llama_token_data.asSlice(data, i)) > llama_token_data.logit(llama_token_data.asSlice(data, best))) {
                        best = i;
                    }
                }
                llama_token_data_array.selected(array, best);
            }, arena));
            MemorySegment sampler = llama_h.llama_sampler_init(iface, MemorySegment.NULL);
            try {
                assertEquals("xcot-java-sampler", llama_h.llama_sampler_name(sampler).getString(0));
                float[] logits = {0.5f, 2.0f, -1.0f};
                MemorySegment data = llama_token_data.allocateArray(logits.length, arena);
                for (int i = 0; i < logits.length; i++) {
                    llama_token_data.id(llama_token_data.asSlice(data, i), 100 + i);
                    llama_token_data.logit(llama_token_data.asSlice(data, i), logits[i]);
                }
                MemorySegment candidates = llama_token_data_array.allocate(arena);
                llama_token_data_array.data(candidates, data);
                llama_token_data_array.size(candidates, logits.length);
                llama_token_data_array.selected(candidates, -1);
                llama_h.llama_sampler_apply(sampler, candidates);
                assertEquals(1L, llama_token_data_array.selected(candidates));
            } finally {
                llama_h.llama_sampler_free(sampler);
            }
        }
    }

    /** Every bound function's symbol exists and its descriptor links (critical options included). */
    @Test
    void everyBoundFunctionResolvesAndLinks() throws Exception {
        List<String> functions = new ArrayList<>();
        for (Method m : llama_h.class.getMethods()) {
            if (m.getName().endsWith("$address") && Modifier.isStatic(m.getModifiers())) {
                String name = m.getName().substring(0, m.getName().length() - "$address".length());
                MemorySegment address = (MemorySegment) m.invoke(null);
                assertNotEquals(MemorySegment.NULL, address, name);
                MethodHandle handle = (MethodHandle) llama_h.class.getMethod(name + "$handle").invoke(null);
                FunctionDescriptor descriptor = (FunctionDescriptor) llama_h.class.getMethod(name + "$descriptor").invoke(null);
                assertEquals(descriptor.argumentLayouts().size(), handle.type().parameterCount()
                        - (descriptor.returnLayout().filter(java.lang.foreign.GroupLayout.class::isInstance).isPresent() ? 1 : 0), name);
                functions.add(name);
            }
        }
        assertTrue(functions.contains("llama_decode") && functions.contains("gguf_init_from_file")
                && functions.contains("ggml_cpu_has_avx2") && functions.contains("ggml_backend_load_all"), functions.toString());
        assertTrue(functions.size() > 300, "only " + functions.size() + " functions bound");
    }
}
