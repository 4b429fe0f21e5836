package xcot.runs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values a config must refuse with the file, the line and the key: odd numbers, NaN, infinities, bad UTF-8. */
class ConfigValuesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void modelFile() throws IOException {
        Files.writeString(dir.resolve("m.gguf"), "not read by the config reader");
    }

    String error(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigReader.parse(yaml, "run.yaml", dir, "run"))
                .getMessage();
    }

    static String model(String sampling) {
        return "benchmark: medcalc\nmodels:\n  - name: a\n    path: m.gguf\n    sampling: " + sampling + "\n";
    }

    @Test
    void notANumberAndInfinitiesNameTheLineAndKey() {
        assertEquals("run.yaml:5: 'models[0].sampling.temperature' must be a finite number, not '.nan'",
                error(model("{temperature: .nan}")));
        assertEquals("run.yaml:5: 'models[0].sampling.temperature' must be a finite number, not '.inf'",
                error(model("{temperature: .inf}")));
        assertEquals("run.yaml:5: 'models[0].sampling.top-p' must be a finite number, not '.inf'",
                error(model("{top-p: .inf}")));
        assertEquals("run.yaml:5: 'models[0].sampling.temperature' must be positive and finite, not -0.5",
                error(model("{temperature: -0.5}")));
    }

    @Test
    void aNumberThatIsNoNumberNamesTheLineAndKey() {
        String e = error(model("{temperature: 1_0.5x}"));
        assertEquals("run.yaml:5: 'models[0].sampling.temperature' must be a number, not '1_0.5x'", e);
        assertEquals("run.yaml:2: 'seeds[0]' must be an integer, not 'forty'",
                error("benchmark: medcalc\nseeds: [forty]\nmodels: [{name: a, path: m.gguf}]\n"));
    }

    @Test
    void invalidUtf8NamesItsLine() throws IOException {
        Path file = dir.resolve("bad.yaml");
        byte[] head = "benchmark: medcalc\nmodels:\n  - {name: a, path: m.gguf}\nname: ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xff;
        bytes[head.length + 1] = '\n';
        Files.write(file, bytes);
        String e = assertThrows(ConfigException.class, () -> ConfigReader.read(file)).getMessage();
        assertEquals(file + ":4: is not valid UTF-8 (byte 0xff)", e);
    }

    @Test
    void everyKeyTheReaderBindsIsDocumentedAndNoOther() {
        Set<String> bound = new TreeSet<>();
        keys(ConfigFile.class, "", bound);
        Set<String> documented = ConfigKeys.ALL.stream().map(ConfigKeys.Key::path)
                .collect(Collectors.toCollection(TreeSet::new));
        // The filter model takes the keys of models[]; flags are the quirk names, listed in the reference docs.
        bound.removeIf(k -> k.startsWith("answer-removal.model."));
        assertEquals(documented, bound);
    }

    private static void keys(Class<?> record, String prefix, Set<String> out) {
        var naming = new PropertyNamingStrategies.KebabCaseStrategy();
        for (RecordComponent c : record.getRecordComponents()) {
            String key = prefix + naming.translate(c.getName());
            out.add(key);
            Type t = c.getGenericType();
            Class<?> element = c.getType();
            String child = key;
            if (t instanceof ParameterizedType p && List.class.equals(p.getRawType())) {
                element = (Class<?>) p.getActualTypeArguments()[0];
                child = key + "[]";
            } else if (Map.class.equals(element)) {
                continue;
            }
            if (element.isRecord()) {
                keys(element, child + ".", out);
            }
        }
    }

    @Test
    void runtimeKeysReachLlamaCppsOptionsAndAreChecked() {
        RunConfig c = ConfigReader.parse("benchmark: medcalc\nmodels:\n  - {name: a, path: m.gguf, batch: 1024, ubatch: 256,"
                + " kv-type: q8_0, rpc: [\"127.0.0.1:50052\"]}\n", "run.yaml", dir, "run");
        ModelConfig m = c.models().get(0);
        assertEquals(1024, m.contextOptions().batchTokens());
        assertEquals(256, m.contextOptions().ubatchTokens());
        assertEquals(xcot.llm.ContextOptions.CacheType.Q8_0, m.contextOptions().kvCacheType());
        assertEquals(1, m.modelOptions().rpcServers().size());
        assertTrue(m.runtimeKey().contains("kv=Q8_0"), m.runtimeKey());
        assertEquals("run.yaml:3: 'models[0].kv-type' q8_0 needs 'flash-attn: true' (llama.cpp quantizes the V cache "
                + "only with flash attention)", error("benchmark: medcalc\nmodels:\n  - {name: a, path: m.gguf, "
                + "kv-type: q8_0, flash-attn: false}\n"));
        assertEquals("run.yaml:3: 'models[0].ubatch' (512) must not exceed 'batch' (256)",
                error("benchmark: medcalc\nmodels:\n  - {name: a, path: m.gguf, batch: 256, ubatch: 512}\n"));
        assertTrue(error("benchmark: medcalc\nmodels:\n  - {name: a, path: m.gguf, rpc: [nohost]}\n")
                .startsWith("run.yaml:3: 'models[0].rpc[0]': "));
        assertTrue(error("benchmark: medcalc\nmodels:\n  - {name: a, path: m.gguf, gpu-layers: 0, rpc: [\"h:1\"]}\n")
                .contains("'gpu-layers' is 0"));
    }

    @Test
    void aSharedStoreIsAPostgresqlUrlWithoutCredentialsAndTheErrorsNeverRepeatIt() {
        String base = "benchmark: medcalc\nmodels:\n  - {name: a, path: m.gguf}\n";
        assertEquals(java.util.Optional.empty(), ConfigReader.parse(base, "run.yaml", dir, "run").store());
        assertEquals(java.util.Optional.of("postgresql://db.lab:5433/xcot?sslmode=verify-full"), ConfigReader.parse(
                base + "store: postgresql://db.lab:5433/xcot?sslmode=verify-full\n", "run.yaml", dir, "run").store());
        String withPassword = error(base + "store: postgresql://alice:s3cret@db.lab/xcot\n");
        assertTrue(withPassword.startsWith("run.yaml:4: 'store': the store URL holds credentials"), withPassword);
        assertFalse(withPassword.contains("s3cret"), withPassword);
        String inQuery = error(base + "store: postgresql://db.lab/xcot?password=s3cret\n");
        assertTrue(inQuery.startsWith("run.yaml:4: "), inQuery);
        assertFalse(inQuery.contains("s3cret"), inQuery);
        assertEquals("run.yaml:4: 'store' must be postgresql://host[:port]/database (leave it out for the cache's"
                + " SQLite store)", error(base + "store: mysql://db.lab/xcot\n"));
    }
}
