package xcot.runs.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import xcot.runs.export.RunFiles;

/**
 * Decides whether a run may write into a folder that already holds one. The same config (as {@link ConfigYaml}
 * resolves it, machine keys aside) resumes or repeats the run; another config is refused with one line naming the
 * first difference, unless {@code force}, which removes the old run's outputs ({@link RunFiles#OUTPUTS}) first so that
 * no file of it survives beside the new ones. Files xcot did not write are never touched.
 */
public final class FolderGuard {
    private FolderGuard() {}

    /** What the folder held. */
    public enum Outcome {
        /** No run there yet. */
        NEW,
        /** A run of the same config: resumed or repeated from the cache. */
        SAME_CONFIG,
        /** Another run's outputs, removed ({@code --force}). */
        REPLACED
    }

    /**
     * Checks run folder {@code dir} against the config the run resolved ({@code configYaml}).
     *
     * @throws RunFolderException when the folder holds another run and {@code force} is off
     */
    public static Outcome prepare(Path dir, String configYaml, boolean force) {
        List<Path> outputs = outputsIn(dir);
        if (outputs.isEmpty()) {
            return Outcome.NEW;
        }
        Path stored = dir.resolve(RunFiles.CONFIG);
        Optional<String> difference = Files.isRegularFile(stored)
                ? difference(read(stored), configYaml)
                : Optional.of("it has no " + RunFiles.CONFIG + ": a run of an older xcot, or not a run of xcot's");
        if (difference.isEmpty()) {
            return Outcome.SAME_CONFIG;
        }
        if (!force) {
            throw new RunFolderException(dir + ": holds a run of another config (" + difference.get() + "); give "
                    + "another --out, or --force to replace that run's outputs");
        }
        for (Path p : outputs) {
            delete(p);
        }
        return Outcome.REPLACED;
    }

    /** The run outputs present in {@code dir}. */
    static List<Path> outputsIn(Path dir) {
        List<Path> found = new ArrayList<>();
        for (String name : RunFiles.OUTPUTS) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                found.add(p);
            }
        }
        return found;
    }

    /** The first difference between a stored and a new {@code config.yaml}, machine keys aside; empty if none. */
    static Optional<String> difference(String stored, String current) {
        JsonNode before;
        try {
            before = ConfigYaml.read(stored);
        } catch (JsonProcessingException e) {
            return Optional.of("its " + RunFiles.CONFIG + " is not readable YAML");
        }
        JsonNode now;
        try {
            now = ConfigYaml.read(current);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the resolved config does not read back: " + e.getMessage(), e);
        }
        if (before == null || !before.isObject()) {
            return Optional.of("its " + RunFiles.CONFIG + " is empty");
        }
        return firstDifference("", withoutMachineKeys(before), withoutMachineKeys(now));
    }

    private static JsonNode withoutMachineKeys(JsonNode config) {
        JsonNode copy = config.deepCopy();
        for (String key : ConfigYaml.MACHINE_KEYS) {
            remove(copy, List.of(key.split("\\.")));
        }
        return copy;
    }

    private static void remove(JsonNode node, List<String> path) {
        if (node == null || path.isEmpty()) {
            return;
        }
        String head = path.getFirst();
        List<String> rest = path.subList(1, path.size());
        if (head.endsWith("[]")) {
            JsonNode list = node.get(head.substring(0, head.length() - 2));
            if (list instanceof ArrayNode array) {
                array.forEach(element -> remove(element, rest));
            }
        } else if (rest.isEmpty() && node instanceof ObjectNode o) {
            o.remove(head);
        } else {
            remove(node.get(head), rest);
        }
    }

    private static Optional<String> firstDifference(String at, JsonNode before, JsonNode now) {
        if (before == null || now == null || before.getNodeType() != now.getNodeType()) {
            return Optional.of(describe(at, before, now));
        }
        if (before.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = now.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                Optional<String> d = firstDifference(join(at, e.getKey()), before.get(e.getKey()), e.getValue());
                if (d.isPresent()) {
                    return d;
                }
            }
            Iterator<String> old = before.fieldNames();
            while (old.hasNext()) {
                String key = old.next();
                if (!now.has(key)) {
                    return Optional.of(describe(join(at, key), before.get(key), null));
                }
            }
            return Optional.empty();
        }
        if (before.isArray() && isContainer(now) && before.size() == now.size()) {
            for (int i = 0; i < now.size(); i++) {
                Optional<String> d = firstDifference(at + "[" + i + "]", before.get(i), now.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return before.equals(now) ? Optional.empty() : Optional.of(describe(at, before, now));
    }

    /** An array of mappings is compared entry by entry (to name the model that changed), others as a whole. */
    private static boolean isContainer(JsonNode array) {
        return array.size() > 0 && array.get(0).isObject();
    }

    private static String join(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private static String describe(String at, JsonNode before, JsonNode now) {
        return at + ": " + text(before) + " there, " + text(now) + " now";
    }

    private static String text(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "not set";
        }
        if (n.isArray() && java.util.stream.StreamSupport.stream(n.spliterator(), false).allMatch(JsonNode::isValueNode)) {
            return "[" + String.join(", ", java.util.stream.StreamSupport.stream(n.spliterator(), false)
                    .map(JsonNode::asText).toList()) + "]";
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void delete(Path p) {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot remove: " + e.getMessage(), e);
        }
    }
}
