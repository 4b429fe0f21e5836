package xcot.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls into ggml and gguf through the bindings, and checks callbacks both ways: Java upcall stubs called from
 * Java and from llama.cpp, and a native function called through a callback class's {@code invoke}.
 */
class GgmlBindingsSmokeTest {

    @Test
    void typeNamesAndHalfPrecisionRows() {
        assertEquals("f16", llama_h.ggml_type_name(llama_h.GGML_TYPE_F16()).getString(0));
        assertEquals("q4_K", llama_h.ggml_type_name(llama_h.GGML_TYPE_Q4_K()).getString(0));
        try (Arena arena = Arena.ofConfined()) {
            float[] values = {1.5f, -2.25f, 65504f, 0.0f};
            MemorySegment floats = arena.allocateFrom(llama_h.C_FLOAT, values);
            MemorySegment halves = arena.allocate(llama_h.C_SHORT, values.length);
            llama_h.ggml_fp32_to_fp16_row(floats, halves, values.length);
            MemorySegment back = arena.allocate(llama_h.C_FLOAT, values.length);
            llama_h.ggml_fp16_to_fp32_row(halves, back, values.length);
            for (int i = 0; i < values.length; i++) {
                // Java's own IEEE binary16 conversion is the independent reference.
                assertEquals(Float.floatToFloat16(values[i]), halves.getAtIndex(llama_h.C_SHORT, i));
                assertEquals(values[i], back.getAtIndex(llama_h.C_FLOAT, i));
            }
        }
    }

    /** ggml reads a tensor struct we filled through the array accessors: C and Java agree on where ne[i] and name are. */
    @Test
    void tensorFilledThroughArrayAccessorsReadsBackInC() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tensor = ggml_tensor.allocate(arena);
            ggml_tensor.type(tensor, llama_h.GGML_TYPE_F32());
            long[] ne = {2, 3, 4, 5};
            long stride = Float.BYTES;
            for (int i = 0; i < llama_h.GGML_MAX_DIMS(); i++) {
                ggml_tensor.ne(tensor, i, ne[i]);
                ggml_tensor.nb(tensor, i, stride);
                stride *= ne[i];
            }
            ggml_tensor.name(tensor).setString(0, "blk.0.attn_q.weight");
            assertEquals(120L, llama_h.ggml_nelements(tensor));
            assertEquals(120L * Float.BYTES, llama_h.ggml_nbytes(tensor));
            assertEquals("blk.0.attn_q.weight", llama_h.ggml_get_name(tensor).getString(0));
            assertEquals(4L, tensor.get(llama_h.C_LONG, ggml_tensor.ne$offset() + 2 * Long.BYTES));
            assertEquals(llama_h.GGML_MAX_NAME(), ggml_tensor.name$layout().byteSize());
            assertEquals(llama_h.GGML_MAX_SRC(), ggml_tensor.src$dimensions()[0]);
        }
    }

    @Test
    void optimizerParamsReturnedByValue() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment defaults = llama_h.ggml_opt_get_default_optimizer_params(arena, MemorySegment.NULL);
            MemorySegment adamw = ggml_opt_optimizer_params.adamw(defaults);
            assertEquals(0.001f, ggml_opt_optimizer_params.adamw.alpha(adamw));
            assertEquals(0.9f, ggml_opt_optimizer_params.adamw.beta1(adamw));
            assertEquals(0.999f, ggml_opt_optimizer_params.adamw.beta2(adamw));
            assertEquals(1e-8f, ggml_opt_optimizer_params.adamw.eps(adamw));
            assertEquals(1e-3f, ggml_opt_optimizer_params.sgd.alpha(ggml_opt_optimizer_params.sgd(defaults)));

            // ggml_opt_get_constant_optimizer_params returns *userdata: a by-value round trip of our own struct.
            MemorySegment mine = ggml_opt_optimizer_params.allocate(arena);
            ggml_opt_optimizer_params.adamw.alpha(ggml_opt_optimizer_params.adamw(mine), 0.25f);
            ggml_opt_optimizer_params.adamw.wd(ggml_opt_optimizer_params.adamw(mine), 0.125f);
            ggml_opt_optimizer_params.sgd.wd(ggml_opt_optimizer_params.sgd(mine), 3.5f);
            MemorySegment copy = ggml_opt_get_optimizer_params.invoke(
                    llama_h.ggml_opt_get_constant_optimizer_params$address(), arena, mine);
            assertEquals(0.25f, ggml_opt_optimizer_params.adamw.alpha(ggml_opt_optimizer_params.adamw(copy)));
            assertEquals(0.125f, ggml_opt_optimizer_params.adamw.wd(ggml_opt_optimizer_params.adamw(copy)));
            assertEquals(3.5f, ggml_opt_optimizer_params.sgd.wd(ggml_opt_optimizer_params.sgd(copy)));
        }
    }

    @Test
    void upcallStubsRoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            List<Float> seen = new ArrayList<>();
            MemorySegment progress = llama_progress_callback.allocate((value, userData) -> {
                seen.add(value);
                return value < 0.75f;
            }, arena);
            assertTrue(llama_progress_callback.invoke(progress, 0.5f, MemorySegment.NULL));
            assertEquals(false, llama_progress_callback.invoke(progress, 0.9f, MemorySegment.NULL));
            assertEquals(List.of(0.5f, 0.9f), seen);

            MemorySegment params = ggml_opt_get_optimizer_params.allocate(userData -> {
                MemorySegment result = ggml_opt_optimizer_params.allocate(arena);
                ggml_opt_optimizer_params.sgd.alpha(ggml_opt_optimizer_params.sgd(result), 7.0f);
                return result;
            }, arena);
            MemorySegment returned = ggml_opt_get_optimizer_params.invoke(params, arena, MemorySegment.NULL);
            assertEquals(7.0f, ggml_opt_optimizer_params.sgd.alpha(ggml_opt_optimizer_params.sgd(returned)));
        }
    }

    @Test
    void llamaLogsThroughAJavaCallback(@TempDir Path tmp) {
        AtomicReference<StringBuilder> log = new AtomicReference<>(new StringBuilder());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callback = ggml_log_callback.allocate((level, text, userData) -> {
                if (level == llama_h.GGML_LOG_LEVEL_ERROR()) {
                    log.get().append(text.getString(0));
                }
            }, arena);
            llama_h.llama_log_set(callback, MemorySegment.NULL);
            try {
                String missing = tmp.resolve("no-such-model.gguf").toString();
                MemorySegment model = llama_h.llama_model_load_from_file(arena.allocateFrom(missing),
                        llama_h.llama_model_default_params(arena));
                assertEquals(MemorySegment.NULL, model);
                assertTrue(log.get().toString().contains("no-such-model.gguf"), log.get().toString());
            } finally {
                llama_h.llama_log_set(MemorySegment.NULL, MemorySegment.NULL);
            }
        }
    }

    @Test
    void ggufKeysSurviveAFileRoundTrip(@TempDir Path tmp) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ctx = llama_h.gguf_init_empty();
            llama_h.gguf_set_val_u32(ctx, arena.allocateFrom("xcot.answer"), 42);
            llama_h.gguf_set_val_str(ctx, arena.allocateFrom("xcot.name"), arena.allocateFrom("tiny"));
            MemorySegment file = arena.allocateFrom(tmp.resolve("meta.gguf").toString());
            assertTrue(llama_h.gguf_write_to_file(ctx, file, false));
            llama_h.gguf_free(ctx);

            MemorySegment params = gguf_init_params.allocate(arena);
            gguf_init_params.no_alloc(params, true);
            gguf_init_params.ctx(params, MemorySegment.NULL);
            MemorySegment read = llama_h.gguf_init_from_file(file, params);
            assertNotEquals(MemorySegment.NULL, read);
            try {
                assertEquals(2L, llama_h.gguf_get_n_kv(read));
                long answer = llama_h.gguf_find_key(read, arena.allocateFrom("xcot.answer"));
                assertEquals(llama_h.GGUF_TYPE_UINT32(), llama_h.gguf_get_kv_type(read, answer));
                assertEquals(42, llama_h.gguf_get_val_u32(read, answer));
                long name = llama_h.gguf_find_key(read, arena.allocateFrom("xcot.name"));
                assertEquals("tiny", llama_h.gguf_get_val_str(read, name).getString(0));
                assertEquals(-1L, llama_h.gguf_find_key(read, arena.allocateFrom("xcot.absent")));
                assertEquals("GGUF", llama_h.GGUF_MAGIC().getString(0));
            } finally {
                llama_h.gguf_free(read);
            }
        }
    }

    @Test
    void devicesAndCpuFeatures() {
        llama_h.ggml_backend_load_all();
        long devices = llama_h.ggml_backend_dev_count();
        assertTrue(devices >= 1, "no ggml device");
        boolean cpu = false;
        for (long i = 0; i < devices; i++) {
            MemorySegment dev = llama_h.ggml_backend_dev_get(i);
            cpu |= llama_h.ggml_backend_dev_type(dev) == llama_h.GGML_BACKEND_DEVICE_TYPE_CPU();
            assertTrue(!llama_h.ggml_backend_dev_name(dev).getString(0).isEmpty());
        }
        assertTrue(cpu, "no CPU device among " + devices);
        assertTrue(llama_h.ggml_backend_reg_count() >= 1);
        int avx2 = llama_h.ggml_cpu_has_avx2();
        assertTrue(avx2 == 0 || avx2 == 1);
    }
}
