package xcot.bindgen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Picks what to bind: what the {@link Config} names, then everything those declarations reference (enums,
 * typedefs, callbacks, structs passed or embedded by value) from headers in the include directory. Structs reached
 * only through pointers stay opaque.
 */
final class Selection {
    private final Config config;
    private final Ast ast;
    private final Types types;
    private final Path includeDir;

    private final Set<Ast.Function> functions = new LinkedHashSet<>();
    private final Set<Ast.Record> structs = new LinkedHashSet<>();
    private final Set<Ast.Enum> enums = new LinkedHashSet<>();
    private final Set<Ast.Typedef> typedefs = new LinkedHashSet<>();

    private Selection(Config config, Ast ast, Path includeDir) {
        this.config = config;
        this.ast = ast;
        this.types = new Types(ast);
        this.includeDir = includeDir.toAbsolutePath().normalize();
    }

    static Bindings select(Config config, Ast ast, List<Macro> macros, Path includeDir) {
        return new Selection(config, ast, includeDir).run(macros);
    }

    private Bindings run(List<Macro> allMacros) {
        Set<String> skip = Set.copyOf(config.skip());
        requireMatches("skip", config.skip(), name -> ast.functions().stream().anyMatch(f -> f.name().equals(name))
                || ast.records().stream().anyMatch(r -> name.equals(r.name()))
                || ast.typedefs().stream().anyMatch(t -> t.name().equals(name))
                || allMacros.stream().anyMatch(m -> m.name().equals(name)));
        requireMatches("function", config.functions(), glob -> ast.functions().stream()
                .anyMatch(f -> inIncludeDir(f.pos()) && Config.glob(glob).matcher(f.name()).matches()));
        requireMatches("struct", config.structs(), name -> ast.records().stream()
                .anyMatch(r -> name.equals(r.name()) && r.complete()));

        List<Pattern> functionGlobs = config.functions().stream().map(Config::glob).toList();
        for (Ast.Function f : ast.functions()) {
            if (!inIncludeDir(f.pos()) || skip.contains(f.name())) {
                continue;
            }
            if (boundHeader(f.pos()) || functionGlobs.stream().anyMatch(p -> p.matcher(f.name()).matches())) {
                if (f.type().variadic()) {
                    throw new BindgenException(f.pos() + ": variadic function " + f.name()
                            + " cannot be bound without its call's argument types: list it under 'skip' in the config");
                }
                functions.add(f);
            }
        }
        for (Ast.Record r : ast.records()) {
            if (r.complete() && inIncludeDir(r.pos()) && !skip.contains(r.name())
                    && (boundHeader(r.pos()) || config.structs().contains(r.name()))) {
                addStruct(r);
            }
        }
        for (Ast.Enum e : ast.enums()) {
            if (inIncludeDir(e.pos()) && boundHeader(e.pos())) {
                enums.add(e);
            }
        }
        for (Ast.Typedef t : ast.typedefs()) {
            if (inIncludeDir(t.pos()) && boundHeader(t.pos()) && !skip.contains(t.name())) {
                addTypedef(t);
            }
        }
        for (Ast.Function f : List.copyOf(functions)) {
            visit(f.type(), true);
        }
        return new Bindings(
                ast.functions().stream().filter(functions::contains).toList(),
                ast.records().stream().filter(structs::contains).toList(),
                ast.enums().stream().filter(enums::contains).toList(),
                ast.typedefs().stream().filter(typedefs::contains).toList(),
                selectMacros(allMacros, skip),
                selectCritical());
    }

    private List<Macro> selectMacros(List<Macro> allMacros, Set<String> skip) {
        requireMatches("macro", config.macros(), glob -> allMacros.stream()
                .anyMatch(m -> Config.glob(glob).matcher(m.name()).matches()));
        List<Pattern> globs = config.macros().stream().map(Config::glob).toList();
        List<Macro> selected = new ArrayList<>();
        for (Macro m : allMacros) {
            Path file = Path.of(m.file()).toAbsolutePath().normalize();
            boolean fromBoundHeader = includeDir.equals(file.getParent())
                    && config.bindAllHeaders().contains(file.getFileName().toString());
            if (!skip.contains(m.name())
                    && (fromBoundHeader || globs.stream().anyMatch(p -> p.matcher(m.name()).matches()))) {
                selected.add(m);
            }
        }
        return selected;
    }

    private Set<String> selectCritical() {
        requireMatches("critical", config.critical(), glob -> functions.stream()
                .anyMatch(f -> Config.glob(glob).matcher(f.name()).matches()));
        Set<String> critical = new LinkedHashSet<>();
        for (String glob : config.critical()) {
            Pattern p = Config.glob(glob);
            functions.stream().filter(f -> p.matcher(f.name()).matches()).forEach(f -> critical.add(f.name()));
        }
        return critical;
    }

    private void addStruct(Ast.Record r) {
        if (structs.add(r)) {
            visitFields(r);
        }
    }

    private void visitFields(Ast.Record r) {
        for (Ast.Field field : r.fields()) {
            if (field.bitfield()) {
                throw new BindgenException(r.pos() + ": " + r.cName() + " has bit-field " + field.name()
                        + ", which FFM layouts cannot express");
            }
            visit(field.type(), true);
        }
    }

    private void addTypedef(Ast.Typedef t) {
        if (typedefs.add(t)) {
            visit(t.target(), true);
        }
    }

    /** Binds what {@code type} needs; {@code byValue} is false behind a pointer, where structs stay opaque. */
    private void visit(CType type, boolean byValue) {
        switch (type) {
            case CType.Builtin b -> { }
            case CType.Const(CType inner) -> visit(inner, byValue);
            case CType.Pointer(CType pointee) -> visit(pointee, false);
            case CType.Array(CType element, long length) -> visit(element, byValue);
            case CType.Function(CType result, List<CType> parameters, boolean variadic) -> {
                visit(result, true);
                parameters.forEach(p -> visit(p, true));
            }
            case CType.Typedef(String name) -> {
                Ast.Typedef t = types.typedef(name);
                if (inIncludeDir(t.pos())) {
                    if (typedefs.add(t)) {
                        visit(t.target(), byValue);
                    }
                } else {
                    visit(t.target(), byValue);
                }
            }
            case CType.Tagged tagged when tagged.tag() == CType.Tag.ENUM -> {
                Ast.Enum e = types.enumDecl(tagged.name());
                if (e != null && inIncludeDir(e.pos())) {
                    enums.add(e);
                }
            }
            case CType.Tagged tagged -> {
                Ast.Record r = types.record(tagged);
                if (r == null) {
                    if (byValue) {
                        throw new BindgenException(tagged.name() + " is used by value but never defined");
                    }
                } else if (tagged.anonymous()) {
                    visitFields(r);
                } else if (byValue) {
                    addStruct(r);
                }
            }
        }
    }

    private boolean inIncludeDir(Ast.Pos pos) {
        Path file = Path.of(pos.file()).toAbsolutePath().normalize();
        return includeDir.equals(file.getParent());
    }

    private boolean boundHeader(Ast.Pos pos) {
        return config.bindAllHeaders().contains(Path.of(pos.file()).getFileName().toString());
    }

    private static void requireMatches(String directive, List<String> entries, Predicate<String> matches) {
        for (String entry : entries) {
            if (!matches.test(entry)) {
                throw new BindgenException("bindings.conf: '" + directive + " " + entry + "' matches nothing in the headers");
            }
        }
    }
}
