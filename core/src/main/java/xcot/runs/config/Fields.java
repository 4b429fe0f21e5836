package xcot.runs.config;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked access to one YAML mapping of a config: every key must be known, every value of the right type,
 * and every error is a {@link ConfigException} naming file, line and the key's path (e.g. {@code models[1].path}).
 */
final class Fields {
    private final String source;
    private final String path;
    private final YamlTree.Mapping mapping;

    /** @throws ConfigException naming the first key that is not in {@code known} */
    Fields(String source, String path, YamlTree.Node node, Set<String> known) {
        this.source = source;
        this.path = path;
        if (!(node instanceof YamlTree.Mapping m)) {
            throw new ConfigException(source, node.line(), (path.isEmpty() ? "the config" : "'" + path + "'")
                    + " must be a mapping of keys to values");
        }
        this.mapping = m;
        for (String key : m.entries().keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(source, m.keyLines().get(key), "unknown key '" + qualified(key) + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    String source() {
        return source;
    }

    String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        Optional<YamlTree.Node> n = node(key);
        return n.isPresent() && !(n.get() instanceof YamlTree.Scalar s && s.isNull());
    }

    Optional<YamlTree.Node> node(String key) {
        return Optional.ofNullable(mapping.entries().get(key));
    }

    int line(String key) {
        Integer line = mapping.keyLines().get(key);
        return line == null ? mapping.line() : line;
    }

    int line() {
        return mapping.line();
    }

    ConfigException error(String key, String problem) {
        return new ConfigException(source, line(key), "'" + qualified(key) + "' " + problem);
    }

    ConfigException error(String problem) {
        return new ConfigException(source, mapping.line(), (path.isEmpty() ? "" : "'" + path + "' ") + problem);
    }

    Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(scalar(key, node(key).get()).text());
    }

    String requiredString(String key) {
        return string(key).orElseThrow(() -> error("is missing: '" + qualified(key) + "' is required"));
    }

    OptionalLong integer(String key, long min, long max) {
        if (!has(key)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(integer(key, node(key).get(), min, max));
    }

    OptionalInt intValue(String key, int min, int max) {
        OptionalLong v = integer(key, min, max);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    Optional<Double> number(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        YamlTree.Scalar s = scalar(key, node(key).get());
        if (s.token() != JsonToken.VALUE_NUMBER_FLOAT && s.token() != JsonToken.VALUE_NUMBER_INT) {
            throw error(key, "must be a number, not '" + s.text() + "'");
        }
        return Optional.of(Double.parseDouble(s.text()));
    }

    Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(bool(key, node(key).get()));
    }

    boolean bool(String key, YamlTree.Node node) {
        YamlTree.Scalar s = scalar(key, node);
        if (s.token() == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (s.token() == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw new ConfigException(source, node.line(), "'" + qualified(key) + "' must be true or false, not '"
                + s.text() + "'");
    }

    /** A nested mapping with its own known keys. */
    Optional<Fields> mapping(String key, Set<String> known) {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(new Fields(source, qualified(key), node(key).get(), known));
    }

    /** The items of a sequence; a single scalar is accepted as a one-item list. */
    List<YamlTree.Node> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        YamlTree.Node n = node(key).get();
        if (n instanceof YamlTree.Sequence s) {
            return s.items();
        }
        if (n instanceof YamlTree.Scalar) {
            return List.of(n);
        }
        throw error(key, "must be a list");
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (YamlTree.Node n : list(key)) {
            out.add(scalar(key, n).text());
        }
        return out;
    }

    YamlTree.Scalar scalar(String key, YamlTree.Node n) {
        if (!(n instanceof YamlTree.Scalar s) || s.isNull()) {
            throw new ConfigException(source, n.line(), "'" + qualified(key) + "' must be a single value");
        }
        return s;
    }

    long integer(String key, YamlTree.Node n, long min, long max) {
        YamlTree.Scalar s = scalar(key, n);
        if (s.token() != JsonToken.VALUE_NUMBER_INT) {
            throw new ConfigException(source, n.line(), "'" + qualified(key) + "' must be an integer, not '"
                    + s.text() + "'");
        }
        long v;
        try {
            v = Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            throw new ConfigException(source, n.line(), "'" + qualified(key) + "' is out of range: " + s.text());
        }
        if (v < min || v > max) {
            throw new ConfigException(source, n.line(), "'" + qualified(key) + "' must be in [" + min + ", " + max
                    + "], not " + v);
        }
        return v;
    }
}
