package xcot.bindgen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Size, alignment and field offsets of one struct or union, in bytes, as clang laid it out. Offsets are in the
 * order of the record's field declarations, anonymous members included.
 */
record RecordLayout(long sizeBytes, long alignBytes, List<Long> fieldOffsetsBytes) {
    private static final Pattern BLOCK = Pattern.compile(
            "Type: (.*?)\\n\\s*\\nLayout: <ASTRecordLayout\\s+Size:(\\d+)\\s+DataSize:\\d+\\s+Alignment:(\\d+)\\s+"
                    + "FieldOffsets: \\[([0-9, ]*)\\]>");

    RecordLayout {
        fieldOffsetsBytes = List.copyOf(fieldOffsetsBytes);
        if (sizeBytes < 0 || alignBytes <= 0) {
            throw new IllegalArgumentException("bad layout size " + sizeBytes + " / alignment " + alignBytes);
        }
    }

    /**
     * Reads clang's {@code -fdump-record-layouts-simple} output. Keys: the tag name for named records, the
     * {@code file:line:col} of the declaration for anonymous ones (as in {@link CType.Tagged#anonymousKey()}).
     */
    static Map<String, RecordLayout> parse(String dump) {
        Map<String, RecordLayout> layouts = new HashMap<>();
        Matcher m = BLOCK.matcher(dump);
        while (m.find()) {
            String type = m.group(1).strip();
            String key;
            int at = type.lastIndexOf(" at ");
            if (type.endsWith(")") && at >= 0) {
                key = type.substring(at + 4, type.length() - 1);
            } else {
                key = type.replaceFirst("^(struct|union) ", "");
            }
            List<Long> offsets = m.group(4).isBlank() ? List.of()
                    : Pattern.compile(",\\s*").splitAsStream(m.group(4).strip()).map(Long::parseLong).toList();
            for (long bits : offsets) {
                if (bits % 8 != 0) {
                    throw new BindgenException(type + ": field at bit offset " + bits + " (bit-fields are not supported)");
                }
            }
            layouts.put(key, new RecordLayout(Long.parseLong(m.group(2)) / 8, Long.parseLong(m.group(3)) / 8,
                    offsets.stream().map(bits -> bits / 8).toList()));
        }
        return layouts;
    }
}
