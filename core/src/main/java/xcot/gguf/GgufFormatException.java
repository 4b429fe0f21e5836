package xcot.gguf;

/**
 * The bytes of a GGUF file break the format or its limits: bad magic or version, a truncated header, an absurd
 * count or length, an unknown type, a tensor outside the file. The message names the file and, when known, the byte
 * offset, e.g. {@code model.gguf: truncated at byte 1234 while reading tensor info 7 of 24}.
 */
public final class GgufFormatException extends GgufException {
    /** Byte offset the problem was found at, or -1 when it is not about one place in the file. */
    private final long byteOffset;

    private GgufFormatException(String file, long byteOffset, String message) {
        super(file, message, null);
        this.byteOffset = byteOffset;
    }

    /** {@code problem} was found in the field that starts at {@code byteOffset}. */
    static GgufFormatException at(String file, long byteOffset, String problem) {
        return new GgufFormatException(file, byteOffset, "at byte " + byteOffset + ": " + problem);
    }

    /** The file ends at {@code fileSizeBytes} before {@code what} could be read in full. */
    static GgufFormatException truncated(String file, long fileSizeBytes, String what) {
        return new GgufFormatException(file, fileSizeBytes,
                "truncated at byte " + fileSizeBytes + " while reading " + what);
    }

    /**
     * A problem with metadata as a whole (a missing key, a value of the wrong type, values that do not fit each
     * other), not at one byte; for callers that check what a model's metadata means.
     */
    public static GgufFormatException metadata(String file, String problem) {
        return new GgufFormatException(file, -1, problem);
    }

    /** Where in the file the problem was found, or -1 when it is not about one place. */
    public long byteOffset() {
        return byteOffset;
    }
}
