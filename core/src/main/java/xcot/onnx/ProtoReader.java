package xcot.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A cursor over one protobuf message in wire format: the fields in file order, each with its number, wire type and
 * value. Just what reading ONNX initializers and nodes needs (varints, length-delimited fields, skipping the rest);
 * there is no schema here, the caller knows what each field number means.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private final String what;
    private int field;
    private int wireType;

    /** Reads the message that fills {@code buffer} from its position to its limit. */
    ProtoReader(ByteBuffer buffer, String what) {
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (!buffer.hasRemaining()) {
            return false;
        }
        long key = varint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field == 0) {
            throw error("field number 0");
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    /** The current field's value as an unsigned varint (wire type 0). */
    long varintValue() {
        expect(VARINT);
        return varint();
    }

    /** The current length-delimited field's bytes, as a view (no copy). */
    ByteBuffer bytes() {
        expect(LENGTH_DELIMITED);
        long length = varint();
        if (length < 0 || length > buffer.remaining()) {
            throw error("a field of " + length + " bytes runs past the end (" + buffer.remaining() + " left)");
        }
        ByteBuffer view = buffer.slice(buffer.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + (int) length);
        return view;
    }

    String string() {
        ByteBuffer b = bytes();
        byte[] utf8 = new byte[b.remaining()];
        b.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** A nested message in the current field. */
    ProtoReader message(String nested) {
        return new ProtoReader(bytes(), what + "." + nested);
    }

    /**
     * One element (wire type 0) or a packed run (wire type 2) of a repeated varint field, appended to {@code out}.
     */
    void repeatedVarints(List<Long> out) {
        if (wireType == LENGTH_DELIMITED) {
            ProtoReader packed = new ProtoReader(bytes(), what);
            while (packed.buffer.hasRemaining()) {
                out.add(packed.varint());
            }
        } else {
            out.add(varintValue());
        }
    }

    /** Skips the current field's value. */
    void skip() {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> bytes();
            case FIXED32 -> advance(4);
            default -> throw error("wire type " + wireType + " (groups are not used by ONNX)");
        }
    }

    private void advance(int n) {
        if (buffer.remaining() < n) {
            throw error("a fixed-size field runs past the end");
        }
        buffer.position(buffer.position() + n);
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buffer.hasRemaining()) {
                throw error("a varint runs past the end");
            }
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw error("a varint longer than 10 bytes");
    }

    private void expect(int type) {
        if (wireType != type) {
            throw error("field " + field + " has wire type " + wireType + ", expected " + type);
        }
    }

    private OnnxFormatException error(String message) {
        return new OnnxFormatException(what + ": " + message);
    }
}
