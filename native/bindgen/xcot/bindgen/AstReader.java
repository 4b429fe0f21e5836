package xcot.bindgen;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads clang's {@code -ast-dump=json} of the wrapper header into an {@link Ast}.
 *
 * <p>clang writes a location's {@code file} (and {@code line}) only when it differs from the location written just
 * before, so positions are recovered by walking every location in document order; {@code includedFrom} objects name
 * the includer, not the current file, and are not followed.
 */
final class AstReader {
    private final Map<Map<String, Object>, Ast.Pos> positions = new IdentityHashMap<>();
    private String lastFile = "<unknown>";
    private long lastLine;

    private final List<Ast.Function> functions = new ArrayList<>();
    private final Map<String, Ast.Record> records = new LinkedHashMap<>();
    private final Map<String, Ast.Record> anonymousRecords = new LinkedHashMap<>();
    private final List<Ast.Enum> enums = new ArrayList<>();
    private final Map<String, Ast.Typedef> typedefs = new LinkedHashMap<>();

    private AstReader() {}

    static Ast read(String source, String json) {
        Map<String, Object> root = Json.object(Json.parse(source, json));
        if (!"TranslationUnitDecl".equals(root.get("kind"))) {
            throw new BindgenException(source + ": not a translation unit dump");
        }
        AstReader reader = new AstReader();
        reader.track(root);
        for (Object child : Json.array(root.get("inner"))) {
            reader.topLevel(Json.object(child));
        }
        return new Ast(reader.functions, List.copyOf(reader.records.values()), reader.anonymousRecords,
                reader.enums, List.copyOf(reader.typedefs.values()));
    }

    private void topLevel(Map<String, Object> node) {
        if (Boolean.TRUE.equals(node.get("isImplicit"))) {
            return;
        }
        switch ((String) node.get("kind")) {
            case "FunctionDecl" -> function(node);
            case "RecordDecl" -> record(node);
            case "EnumDecl" -> enums.add(enumDecl(node));
            case "TypedefDecl" -> typedef(node);
            default -> { }
        }
    }

    private void function(Map<String, Object> node) {
        String name = (String) node.get("name");
        if ("static".equals(node.get("storageClass")) || functions.stream().anyMatch(f -> f.name().equals(name))) {
            return; // static inline helpers have no symbol; redeclarations add nothing
        }
        Ast.Pos pos = pos(node);
        String context = pos + ": function " + name;
        CType type = TypeParser.parse(qualType(node), context);
        if (!(type instanceof CType.Function fn)) {
            throw new BindgenException(context + ": type is not a function: " + qualType(node));
        }
        List<String> names = new ArrayList<>();
        for (Object child : Json.array(node.get("inner"))) {
            Map<String, Object> param = Json.object(child);
            if ("ParmVarDecl".equals(param.get("kind"))) {
                names.add((String) param.getOrDefault("name", ""));
            }
        }
        if (names.size() != fn.parameters().size()) {
            throw new BindgenException(context + ": " + names.size() + " parameter declarations for type " + qualType(node));
        }
        functions.add(new Ast.Function(name, fn, names, pos));
    }

    private Ast.Record record(Map<String, Object> node) {
        Ast.Pos pos = pos(node);
        String name = (String) node.get("name");
        CType.Tag tag = "union".equals(node.get("tagUsed")) ? CType.Tag.UNION : CType.Tag.STRUCT;
        boolean complete = Boolean.TRUE.equals(node.get("completeDefinition"));
        List<Ast.Field> fields = new ArrayList<>();
        for (Object child : Json.array(node.get("inner"))) {
            Map<String, Object> member = Json.object(child);
            switch ((String) member.get("kind")) {
                case "RecordDecl" -> record(member);
                case "EnumDecl" -> enums.add(enumDecl(member));
                case "FieldDecl" -> {
                    String fieldName = Boolean.TRUE.equals(member.get("isImplicit")) ? null : (String) member.get("name");
                    String context = pos(member) + ": field " + (fieldName == null ? "<anonymous>" : fieldName);
                    fields.add(new Ast.Field(fieldName, TypeParser.parse(qualType(member), context),
                            Boolean.TRUE.equals(member.get("isBitfield"))));
                }
                default -> { }
            }
        }
        Ast.Record record = new Ast.Record(tag, name, pos, complete, fields);
        if (name == null) {
            anonymousRecords.put(pos.key(), record);
        } else if (complete || !records.containsKey(name)) {
            records.put(name, record);
        }
        return record;
    }

    private Ast.Enum enumDecl(Map<String, Object> node) {
        List<Ast.EnumConstant> constants = new ArrayList<>();
        for (Object child : Json.array(node.get("inner"))) {
            Map<String, Object> constant = Json.object(child);
            if ("EnumConstantDecl".equals(constant.get("kind"))) {
                constants.add(new Ast.EnumConstant((String) constant.get("name")));
            }
        }
        return new Ast.Enum((String) node.get("name"), pos(node), constants);
    }

    private void typedef(Map<String, Object> node) {
        String name = (String) node.get("name");
        Ast.Pos pos = pos(node);
        typedefs.putIfAbsent(name, new Ast.Typedef(name, TypeParser.parse(qualType(node), pos + ": typedef " + name), pos));
    }

    private static String qualType(Map<String, Object> node) {
        return (String) Json.object(node.get("type")).get("qualType");
    }

    private Ast.Pos pos(Map<String, Object> node) {
        Ast.Pos pos = positions.get(node);
        if (pos == null) {
            throw new BindgenException("declaration " + node.get("name") + " (" + node.get("kind") + ") has no location");
        }
        return pos;
    }

    // Location tracking, in document order.

    private void track(Map<String, Object> node) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            switch (e.getKey()) {
                case "loc" -> positions.put(node, location(Json.object(e.getValue())));
                case "range" -> {
                    Map<String, Object> range = Json.object(e.getValue());
                    location(Json.object(range.get("begin")));
                    location(Json.object(range.get("end")));
                }
                default -> trackValue(e.getValue());
            }
        }
    }

    private void trackValue(Object value) {
        if (value instanceof Map<?, ?>) {
            track(Json.object(value));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                trackValue(item);
            }
        }
    }

    /** Updates the running file/line from one location; a macro location's expansion point is the one kept. */
    private Ast.Pos location(Map<String, Object> loc) {
        if (loc == null) {
            return new Ast.Pos(lastFile, lastLine, 0);
        }
        if (loc.containsKey("spellingLoc") || loc.containsKey("expansionLoc")) {
            location(Json.object(loc.get("spellingLoc")));
            return location(Json.object(loc.get("expansionLoc")));
        }
        if (loc.get("file") instanceof String file) {
            lastFile = file;
        }
        if (loc.get("line") instanceof Long line) {
            lastLine = line;
        }
        long col = loc.get("col") instanceof Long c ? c : 0;
        return new Ast.Pos(lastFile, lastLine, col);
    }
}
