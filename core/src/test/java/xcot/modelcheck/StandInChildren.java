package xcot.modelcheck;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import xcot.bindings.llama_h;

/**
 * Child processes that speak {@link ModelCheckChild}'s protocol but die or stall, for the tests of what the parent
 * makes of that. Test code may call the raw bindings, which is how {@link UnguardedLoad} reaches a real llama.cpp
 * assertion: it loads the file without xcot's rules, as xcot did before them.
 */
final class StandInChildren {
    private StandInChildren() {}

    private static String nextRequest() throws Exception {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println(ModelCheckChild.PREFIX + "begin");
        System.out.flush();
        return line;
    }

    /** Loads the requested file with {@code llama_model_load_from_file} directly: no header check, no rules. */
    static final class UnguardedLoad {
        public static void main(String[] args) throws Exception {
            String path = nextRequest().substring(2);
            llama_h.llama_backend_init();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment params = llama_h.llama_model_default_params(arena);
                MemorySegment model = llama_h.llama_model_load_from_file(arena.allocateFrom(path), params);
                System.out.println(ModelCheckChild.PREFIX + (model.equals(MemorySegment.NULL)
                        ? "failed 0 llama.cpp returned NULL" : "ok 0"));
            }
        }
    }

    /** Says what ggml says on a failed assertion, then calls libc's {@code abort()}. */
    static final class Aborting {
        public static void main(String[] args) throws Throwable {
            nextRequest();
            System.err.println("/build/llama/src/llama-vocab.cpp:2501: GGML_ASSERT(id_to_token.size() == "
                    + "token_to_id.size()) failed");
            System.err.flush();
            Linker linker = Linker.nativeLinker();
            linker.downcallHandle(linker.defaultLookup().find("abort").orElseThrow(), FunctionDescriptor.ofVoid())
                    .invokeExact();
        }
    }

    /** Takes the request and never answers. */
    static final class Hanging {
        public static void main(String[] args) throws Exception {
            nextRequest();
            Thread.sleep(600_000);
        }
    }
}
