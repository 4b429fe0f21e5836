package xcot.bindgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to bind, read from {@code native/bindgen/bindings.conf}: one directive per line, {@code #} starts a comment.
 *
 * <pre>
 * package      xcot.bindings          Java package of the generated classes
 * header-class llama_h                the class holding functions and constants
 * symbol-lookup LlamaLibrary.lookup() Java expression of the SymbolLookup that finds the functions
 * include      llama.h ggml-cpu.h     headers the wrapper includes, in this order
 * bind-all     llama.h gguf.h         bind everything these headers declare
 * function     ggml_opt_dataset_* ... more functions (globs), from any header
 * struct       ggml_tensor            more structs, from any header
 * macro        GGML_MAX_DIMS ...      more macro constants (globs)
 * critical     llama_vocab_* ...      downcalls linked with Linker.Option.critical(false)
 * skip         name ...               declarations not to bind (variadic functions must be listed here)
 * </pre>
 * Declarations referenced by bound ones (enums, typedefs, callbacks, structs passed by value) are bound as well.
 * A glob or name that matches nothing is an error, so the file cannot drift from the headers silently.
 */
record Config(
        String packageName,
        String headerClass,
        String symbolLookup,
        List<String> includes,
        List<String> bindAllHeaders,
        List<String> functions,
        List<String> structs,
        List<String> macros,
        List<String> critical,
        List<String> skip) {

    Config {
        Objects.requireNonNull(packageName, "package");
        Objects.requireNonNull(headerClass, "header-class");
        Objects.requireNonNull(symbolLookup, "symbol-lookup");
        includes = List.copyOf(includes);
        bindAllHeaders = List.copyOf(bindAllHeaders);
        functions = List.copyOf(functions);
        structs = List.copyOf(structs);
        macros = List.copyOf(macros);
        critical = List.copyOf(critical);
        skip = List.copyOf(skip);
        if (includes.isEmpty()) {
            throw new IllegalArgumentException("no include directive");
        }
    }

    static Config read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BindgenException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String packageName = null;
        String headerClass = null;
        String symbolLookup = null;
        List<String> includes = new ArrayList<>();
        List<String> bindAll = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        List<String> structs = new ArrayList<>();
        List<String> macros = new ArrayList<>();
        List<String> critical = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            List<String> args = List.of(words).subList(1, words.length);
            if (args.isEmpty()) {
                throw new BindgenException(file + ":" + (i + 1) + ": '" + words[0] + "' needs arguments");
            }
            switch (words[0]) {
                case "package" -> packageName = single(file, i, args);
                case "header-class" -> headerClass = single(file, i, args);
                case "symbol-lookup" -> symbolLookup = single(file, i, args);
                case "include" -> includes.addAll(args);
                case "bind-all" -> bindAll.addAll(args);
                case "function" -> functions.addAll(args);
                case "struct" -> structs.addAll(args);
                case "macro" -> macros.addAll(args);
                case "critical" -> critical.addAll(args);
                case "skip" -> skip.addAll(args);
                default -> throw new BindgenException(file + ":" + (i + 1) + ": unknown directive '" + words[0] + "'");
            }
        }
        if (packageName == null || headerClass == null || symbolLookup == null) {
            throw new BindgenException(file + ": needs 'package', 'header-class' and 'symbol-lookup' directives");
        }
        return new Config(packageName, headerClass, symbolLookup, includes, bindAll, functions, structs, macros, critical, skip);
    }

    private static String single(Path file, int index, List<String> args) {
        if (args.size() != 1) {
            throw new BindgenException(file + ":" + (index + 1) + ": expected one argument, got " + args);
        }
        return args.getFirst();
    }

    /** A glob with {@code *} as the only wildcard. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
