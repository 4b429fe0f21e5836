package xcot.bindgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * xcot bindgen: writes jextract-shaped FFM bindings for the pinned llama.cpp headers from clang's AST.
 * Run through {@code native/regen-bindings.sh}, which passes:
 * <pre>
 *   --clang PATH --include DIR --config bindings.conf --pin llama.pin --java-out DIR --probe-out FILE
 * </pre>
 * It runs clang on a wrapper header (macros with {@code -E -dD}, declarations with {@code -ast-dump=json}), asks
 * clang for values and layouts through a probe file, and writes the Java sources and the C ABI probe.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try {
            run(options(args));
        } catch (BindgenException e) {
            System.err.println("bindgen: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new BindgenException("usage: --clang PATH --include DIR --config FILE --pin FILE"
                        + " --java-out DIR --probe-out FILE");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("clang", "include", "config", "pin", "java-out", "probe-out")) {
            if (!options.containsKey(required)) {
                throw new BindgenException("missing option --" + required);
            }
        }
        return options;
    }

    private static void run(Map<String, String> options) {
        long start = System.nanoTime();
        Path includeDir = Path.of(options.get("include")).toAbsolutePath().normalize();
        Config config = Config.read(Path.of(options.get("config")));
        Path pinFile = Path.of(options.get("pin"));
        Properties pin = load(pinFile);
        String commit = required(pin, "LLAMA_COMMIT", pinFile);
        String tag = required(pin, "LLAMA_TAG", pinFile);
        checkBuildCommit(includeDir, commit);
        Clang clang = new Clang(options.get("clang"), includeDir);

        Path work = tempDirectory();
        try {
            Path wrapper = work.resolve("xcot_wrapper.h");
            StringBuilder includes = new StringBuilder("/* xcot bindgen wrapper header */\n");
            config.includes().forEach(h -> includes.append("#include \"").append(h).append("\"\n"));
            Clang.write(wrapper, includes.toString());

            List<Macro> macros = Macro.read(clang.macroDefinitions(wrapper));
            Ast ast = AstReader.read("AST of " + wrapper.getFileName(), clang.checked(clang.astJson(wrapper, null), wrapper));
            Bindings bindings = Selection.select(config, ast, macros, includeDir);
            Probe.Results probe = Probe.run(clang, work, wrapper, bindings);

            Types types = new Types(ast);
            Generation g = new Generation(config, commit, tag, new JavaTypes(types, probe.enumSizes(), probe.layouts()), probe);
            Output output = emit(g, bindings);
            write(Path.of(options.get("java-out")), output.javaFiles());
            Clang.write(Path.of(options.get("probe-out")), output.abiProbe());
            System.out.printf("bindgen: %d functions, %d structs, %d enums (%d constants), %d callbacks, %d typedefs,"
                            + " %d macros -> %d Java files in %.1f s%n",
                    bindings.functions().size(), bindings.structs().size(), bindings.enums().size(),
                    bindings.enums().stream().mapToInt(e -> e.constants().size()).sum(), output.callbacks(),
                    bindings.typedefs().size(), probe.macros().size(), output.javaFiles().size(),
                    (System.nanoTime() - start) / 1e9);
        } finally {
            deleteRecursively(work);
        }
    }

    private record Output(Map<String, String> javaFiles, String abiProbe, int callbacks) {}

    private static Output emit(Generation g, Bindings bindings) {
        Types types = g.javaTypes().types();
        Map<String, String> files = new LinkedHashMap<>();
        List<StructModel> models = new ArrayList<>();
        for (Ast.Record r : bindings.structs()) {
            StructModel model = StructModel.of(g.javaTypes(), r);
            models.add(model);
            put(files, r.name() + ".java", StructEmitter.file(g, model));
        }
        int callbacks = 0;
        Set<String> typedefFields = new LinkedHashSet<>();
        for (Ast.Typedef t : bindings.typedefs()) {
            CType target = types.resolve(t.target());
            CType.Function fn = target instanceof CType.Function f ? f : types.functionPointer(target);
            if (fn != null) {
                put(files, t.name() + ".java", CallbackEmitter.file(g, t, fn));
                callbacks++;
            } else if (target instanceof CType.Tagged tagged && tagged.tag() != CType.Tag.ENUM) {
                Ast.Record r = types.record(tagged);
                if (r != null && !r.name().equals(t.name())) {
                    put(files, t.name() + ".java", StructEmitter.alias(g, t, r.name()));
                }
            } else if (!(target instanceof CType.Array)) {
                typedefFields.add(t.name());
            } else {
                throw new BindgenException(t.pos() + ": array typedef " + t.name() + " is not supported; skip it");
            }
        }
        Map<String, String> headers = HeaderEmitter.files(g, bindings, sources(bindings));
        for (Map.Entry<String, String> e : headers.entrySet()) {
            put(files, e.getKey(), e.getValue());
        }
        Set<String> classes = new LinkedHashSet<>();
        files.keySet().forEach(f -> classes.add(f.substring(0, f.length() - ".java".length())));
        for (Ast.Function f : bindings.functions()) {
            if (classes.contains(f.name())) {
                throw new BindgenException(f.pos() + ": function " + f.name() + " has the name of a generated class");
            }
        }
        for (String field : typedefFields) {
            if (classes.contains(field)) {
                throw new BindgenException("typedef " + field + " has the name of a generated class");
            }
        }
        return new Output(files, AbiProbeEmitter.file(g, models), callbacks);
    }

    /** The headers the header class binds from, in order of first use. */
    private static List<String> sources(Bindings bindings) {
        Set<String> sources = new LinkedHashSet<>();
        bindings.functions().forEach(f -> sources.add(Generation.headerName(f.pos())));
        bindings.enums().forEach(e -> sources.add(Generation.headerName(e.pos())));
        bindings.typedefs().forEach(t -> sources.add(Generation.headerName(t.pos())));
        bindings.macros().forEach(m -> sources.add(Path.of(m.file()).getFileName().toString()));
        return List.copyOf(sources);
    }

    private static void put(Map<String, String> files, String name, String text) {
        if (files.put(name, text) != null) {
            throw new BindgenException("two generated classes are named " + name);
        }
    }

    /** Replaces the generated files in {@code dir}; hand-written files (without the marker) are left alone. */
    private static void write(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> existing = Files.list(dir)) {
                for (Path p : existing.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (!files.containsKey(p.getFileName().toString()) && isGenerated(p)) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path target = dir.resolve(e.getKey());
                if (Files.exists(target) && !isGenerated(target)) {
                    throw new BindgenException(target + " exists and was not generated; refusing to overwrite it");
                }
                Files.writeString(target, e.getValue());
            }
        } catch (IOException e) {
            throw new BindgenException("cannot write into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isGenerated(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.limit(3).anyMatch(l -> l.contains(Generation.MARKER));
        }
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new BindgenException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new BindgenException(file + ": no " + key);
        }
        return value;
    }

    /** The headers must be those of the pinned commit, or the bindings would claim a version they do not match. */
    private static void checkBuildCommit(Path includeDir, String commit) {
        Path buildProperties = includeDir.resolveSibling("build.properties");
        if (Files.isRegularFile(buildProperties)) {
            String built = load(buildProperties).getProperty("commit");
            if (!commit.equals(built)) {
                throw new BindgenException(includeDir + " holds headers of llama.cpp " + built + ", but llama.pin pins " + commit);
            }
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("xcot-bindgen");
        } catch (IOException e) {
            throw new BindgenException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("bindgen: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
