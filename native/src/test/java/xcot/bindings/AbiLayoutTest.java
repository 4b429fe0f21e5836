package xcot.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ABI conformance: the machine's gcc compiles {@code src/test/c/abi_probe.c} (generated with the bindings, so it
 * lists every struct class and field accessor) against the pinned headers, and its sizes, alignments and offsets
 * must equal the Java layouts exactly.
 */
class AbiLayoutTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Set<String> REQUIRED = Set.of("llama_model_params", "llama_context_params", "llama_batch",
            "llama_token_data", "llama_token_data_array", "llama_sampler_chain_params", "llama_chat_message",
            "ggml_opt_optimizer_params");

    /** What gcc says about one struct class: size, alignment, and per field accessor its offset and size. */
    private record CStruct(long size, long align, Map<String, long[]> fields) {}

    private static Map<String, CStruct> gcc;

    @BeforeAll
    static void runProbe(@TempDir Path tmp) throws Exception {
        Path include = LlamaLibrary.directory().resolve("include");
        assertTrue(Files.isRegularFile(include.resolve("llama.h")), "no llama.h in " + include);
        Path exe = tmp.resolve("abi_probe");
        run(List.of("gcc", "-std=gnu11", "-Wall", "-Werror", "-I" + include,
                MODULE.resolve("src/test/c/abi_probe.c").toString(), "-o", exe.toString()));
        gcc = parse(run(List.of(exe.toString())));
    }

    @Test
    void probeCoversTheRequiredStructs() {
        for (String name : REQUIRED) {
            assertTrue(gcc.containsKey(name), "the ABI probe does not cover " + name);
        }
    }

    @Test
    void everyStructLayoutMatchesGcc() throws Exception {
        for (Map.Entry<String, CStruct> e : gcc.entrySet()) {
            Class<?> type = Class.forName("xcot.bindings." + e.getKey());
            GroupLayout layout = (GroupLayout) type.getMethod("layout").invoke(null);
            assertEquals(e.getValue().size(), layout.byteSize(), e.getKey() + " size");
            assertEquals(e.getValue().align(), layout.byteAlignment(), e.getKey() + " alignment");
            if (!e.getKey().contains("$")) {
                assertEquals(e.getValue().size(), (long) type.getMethod("sizeof").invoke(null), e.getKey() + ".sizeof()");
            }
            for (Map.Entry<String, long[]> f : e.getValue().fields().entrySet()) {
                String field = e.getKey() + "." + f.getKey();
                assertEquals(f.getValue()[0], (long) type.getMethod(f.getKey() + "$offset").invoke(null), field + " offset");
                MemoryLayout fieldLayout = (MemoryLayout) type.getMethod(f.getKey() + "$layout").invoke(null);
                assertEquals(f.getValue()[1], fieldLayout.byteSize(), field + " size");
            }
        }
    }

    @Test
    void probeCoversEveryStructClassAndField() throws Exception {
        Set<String> structClasses = new TreeSet<>();
        for (Class<?> type : bindingClasses()) {
            Method layout = staticMethod(type, "layout");
            if (layout == null || layout.getReturnType() != GroupLayout.class) {
                continue;
            }
            String name = type.getName().substring("xcot.bindings.".length());
            structClasses.add(name);
            CStruct c = gcc.get(name);
            if (c == null) {
                fail("struct class " + name + " is missing from abi_probe.c");
            }
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().endsWith("$offset") && Modifier.isStatic(m.getModifiers())) {
                    String field = m.getName().substring(0, m.getName().length() - "$offset".length());
                    assertTrue(c.fields().containsKey(field), "field " + name + "." + field + " is missing from abi_probe.c");
                }
            }
        }
        assertEquals(new TreeSet<>(gcc.keySet()), structClasses);
        assertTrue(structClasses.size() >= REQUIRED.size(), "found only " + structClasses);
    }

    private static List<Class<?>> bindingClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(llama_h.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("xcot/bindings");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String simple = p.getFileName().toString().replace(".class", "");
                classes.add(Class.forName("xcot.bindings." + simple, false, AbiLayoutTest.class.getClassLoader()));
            }
        }
        assertFalse(classes.isEmpty(), "no classes in " + dir);
        return classes;
    }

    private static Method staticMethod(Class<?> type, String name) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0 && Modifier.isStatic(m.getModifiers())
                    && Modifier.isPublic(m.getModifiers())) {
                return m;
            }
        }
        return null;
    }

    private static Map<String, CStruct> parse(String output) {
        Map<String, CStruct> structs = new TreeMap<>();
        for (String line : output.split("\n")) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "struct" -> structs.put(w[1], new CStruct(Long.parseLong(w[2]), Long.parseLong(w[3]), new TreeMap<>()));
                case "field" -> structs.get(w[1]).fields().put(w[2], new long[] {Long.parseLong(w[3]), Long.parseLong(w[4])});
                default -> fail("unexpected probe output line: " + line);
            }
        }
        assertFalse(structs.isEmpty(), "the ABI probe printed nothing");
        return structs;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), command.getFirst() + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
