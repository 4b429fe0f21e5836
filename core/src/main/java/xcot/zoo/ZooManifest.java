package xcot.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MANIFEST of a zoo directory: {@code sha256sum}-format lines ({@code <64 hex>  <file>}) that pin each file,
 * and {@code #} comment lines for people (the command that made the files, the machine, the table of results).
 * {@code sha256sum -c MANIFEST} checks a directory (it warns about the comment lines and checks the rest).
 */
public record ZooManifest(List<String> comments, List<Entry> entries) {
    public ZooManifest {
        comments = List.copyOf(comments);
        entries = List.copyOf(entries);
    }

    /** One pinned file. */
    public record Entry(String file, String sha256) {
        public Entry {
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not a sha256 hex digest: '" + sha256 + "'");
            }
            if (file.isBlank() || file.contains("/")) {
                throw new IllegalArgumentException("not a plain file name: '" + file + "'");
            }
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws IllegalArgumentException naming {@code source} and the line for a line that is neither
     */
    public static ZooManifest parse(String text, String source) {
        List<String> comments = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            int split = line.indexOf("  ");
            try {
                if (split < 0) {
                    throw new IllegalArgumentException("expected '<sha256>  <file>'");
                }
                entries.add(new Entry(line.substring(split + 2).strip(), line.substring(0, split)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + number + ": " + e.getMessage());
            }
        }
        return new ZooManifest(comments, entries);
    }

    /**
     * The llama.cpp build key recorded by {@code xcot zoo train} ({@code ... build <key>} on the {@code llama.cpp:}
     * line): commit, variant, patches and CPU features, hashed. Files retrained under the same key and thread count
     * are byte-identical.
     */
    public Optional<String> buildKey() {
        return comments.stream().filter(c -> c.startsWith("llama.cpp:")).map(c -> c.replaceFirst(".* build ", ""))
                .filter(k -> !k.isBlank() && !k.contains(" ")).findFirst();
    }

    public Optional<Entry> entry(String file) {
        return entries.stream().filter(e -> e.file().equals(file)).findFirst();
    }

    /** The text: comments first, then the sha256 lines. */
    public String render() {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append(c.isEmpty() ? "#" : "# " + c).append('\n'));
        entries.forEach(e -> out.append(e.sha256()).append("  ").append(e.file()).append('\n'));
        return out.toString();
    }
}
