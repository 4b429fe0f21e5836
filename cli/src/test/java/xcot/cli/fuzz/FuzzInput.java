package xcot.cli.fuzz;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One fuzz input: a base fixture, edits to its parts, then edits to the written bytes. */
record FuzzInput(String fixture, List<Edit> edits, List<ByteEdit> byteEdits) {
    FuzzInput {
        edits = List.copyOf(edits);
        byteEdits = List.copyOf(byteEdits);
    }

    /**
     * The input's bytes.
     *
     * @throws IllegalArgumentException if the writer refuses the edited parts (see {@link ModelParts#toBytes})
     */
    byte[] bytes(ModelParts base) {
        ModelParts parts = base.copy();
        edits.forEach(e -> e.apply(parts));
        byte[] bytes = parts.toBytes();
        for (ByteEdit e : byteEdits) {
            bytes = e.apply(bytes);
        }
        return bytes;
    }

    String describe() {
        return fixture + ": " + Stream.concat(edits.stream().map(Edit::describe),
                byteEdits.stream().map(ByteEdit::describe)).collect(Collectors.joining("; "));
    }
}
