package xcot.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Reads one metadata value of a declared type, checking array lengths against the bytes left in the file. */
final class GgufValueReader {
    /** Upper bound on the elements of a string array, as in llama.cpp ({@code GGUF_MAX_ARRAY_ELEMENTS}). */
    static final long MAX_ARRAY_ELEMENTS = 1L << 30;

    private GgufValueReader() {}

    /** Reads the type tag and the value of {@code key}. */
    static GgufValue read(GgufInput in, String key) throws GgufException {
        long typeAt = in.position();
        long typeId = in.u32();
        GgufValueType type = GgufValueType.fromId(typeId).orElseThrow(() -> GgufFormatException.at(in.file(),
                typeAt, "key " + GgufException.quote(key) + " has unknown value type " + typeId));
        return type == GgufValueType.ARRAY ? readArray(in, key) : readScalar(in, type);
    }

    private static GgufValue readScalar(GgufInput in, GgufValueType type) throws GgufException {
        return switch (type) {
            case UINT8 -> new GgufValue.IntValue(type, in.i8() & 0xFFL);
            case INT8 -> new GgufValue.IntValue(type, in.i8());
            case UINT16 -> new GgufValue.IntValue(type, in.i16() & 0xFFFFL);
            case INT16 -> new GgufValue.IntValue(type, in.i16());
            case UINT32 -> new GgufValue.IntValue(type, in.u32());
            case INT32 -> new GgufValue.IntValue(type, in.i32());
            case UINT64, INT64 -> new GgufValue.IntValue(type, in.i64());
            case FLOAT32 -> new GgufValue.FloatValue(type, in.f32());
            case FLOAT64 -> new GgufValue.FloatValue(type, in.f64());
            // llama.cpp reads a bool as one byte, nonzero meaning true.
            case BOOL -> new GgufValue.BoolValue(in.i8() != 0);
            case STRING -> new GgufValue.StringValue(in.string(GgufReader.MAX_STRING_BYTES));
            case ARRAY -> throw new IllegalStateException("arrays are read by readArray");
        };
    }

    private static GgufValue readArray(GgufInput in, String key) throws GgufException {
        String quoted = "key " + GgufException.quote(key);
        long typeAt = in.position();
        long typeId = in.u32();
        GgufValueType elementType = GgufValueType.fromId(typeId).orElseThrow(() ->
                GgufFormatException.at(in.file(), typeAt, quoted + " is an array of unknown value type " + typeId));
        if (elementType == GgufValueType.ARRAY) {
            throw GgufFormatException.at(in.file(), typeAt,
                    quoted + " is an array of arrays, which llama.cpp does not support");
        }
        long countAt = in.position();
        long count = in.i64();
        if (count < 0 || count > MAX_ARRAY_ELEMENTS) {
            throw GgufFormatException.at(in.file(), countAt, quoted + " has array length "
                    + Long.toUnsignedString(count) + ", more than the limit " + MAX_ARRAY_ELEMENTS);
        }
        long minBytes = count * elementType.minEncodedBytes();
        if (minBytes > in.remaining()) {
            throw GgufFormatException.truncated(in.file(), in.sizeBytes(), "the value of " + quoted
                    + " (an array of " + count + " " + elementType + " elements needs at least " + minBytes
                    + " bytes from byte " + in.position() + ")");
        }
        if (elementType == GgufValueType.STRING) {
            // Grow as strings arrive: each one costs at least 8 file bytes, so memory follows what was read.
            List<String> values = new ArrayList<>((int) Math.min(count, 1 << 16));
            for (long i = 0; i < count; i++) {
                in.element(i);
                values.add(in.string(GgufReader.MAX_STRING_BYTES));
            }
            return new GgufValue.StringArray(values);
        }
        long bytes = count * elementType.fixedSizeBytes();
        if (bytes > GgufReader.MAX_ARRAY_BYTES) {
            throw GgufFormatException.at(in.file(), countAt, quoted + " has array length " + count + " ("
                    + bytes + " bytes), more than the limit of " + GgufReader.MAX_ARRAY_BYTES + " bytes");
        }
        return new GgufValue.NumberArray(elementType, readPayload(in, bytes));
    }

    /** Reads one little-endian fixed-width payload into a fresh buffer, used for metadata arrays. */
    private static ByteBuffer readPayload(GgufInput in, long bytes) throws GgufException {
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(b);
        return b.flip();
    }
}
