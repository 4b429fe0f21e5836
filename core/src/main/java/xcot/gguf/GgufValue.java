package xcot.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * One GGUF metadata value. Scalars keep their declared type so that a file read and written again has the same
 * bytes; arrays of numbers or booleans keep their little-endian payload as read (compact for the 150k-entry
 * arrays of real vocabularies). Arrays of arrays are not part of the model: llama.cpp rejects them too.
 */
public sealed interface GgufValue {

    /** The type tag written for this value ({@link GgufValueType#ARRAY} for both array kinds). */
    GgufValueType type();

    /** An integer of any of the eight integer types; a {@code UINT64} keeps its raw 64 bits. */
    record IntValue(GgufValueType type, long value) implements GgufValue {
        public IntValue {
            Objects.requireNonNull(type, "type");
            if (!type.isInteger()) {
                throw new IllegalArgumentException(type + " is not an integer type");
            }
            if (!Numbers.fitsInteger(type, value)) {
                throw new IllegalArgumentException(value + " does not fit " + type);
            }
        }
    }

    /** A {@code FLOAT32} or {@code FLOAT64}; a {@code FLOAT32} holds a value that is exactly a float. */
    record FloatValue(GgufValueType type, double value) implements GgufValue {
        public FloatValue {
            Objects.requireNonNull(type, "type");
            if (!type.isFloat()) {
                throw new IllegalArgumentException(type + " is not a float type");
            }
            if (type == GgufValueType.FLOAT32 && !Double.isNaN(value) && (double) (float) value != value) {
                throw new IllegalArgumentException(value + " is not exactly representable as FLOAT32");
            }
        }
    }

    record BoolValue(boolean value) implements GgufValue {
        @Override
        public GgufValueType type() {
            return GgufValueType.BOOL;
        }
    }

    record StringValue(String value) implements GgufValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public GgufValueType type() {
            return GgufValueType.STRING;
        }
    }

    /**
     * An array of a fixed-width element type (integers, floats or booleans), held as its little-endian bytes.
     * Equality compares the bytes.
     */
    record NumberArray(GgufValueType elementType, ByteBuffer data) implements GgufValue {
        public NumberArray {
            Objects.requireNonNull(elementType, "elementType");
            if (!elementType.isFixedWidth()) {
                throw new IllegalArgumentException(elementType + " is not a fixed-width element type");
            }
            if (data.remaining() % elementType.fixedSizeBytes() != 0) {
                throw new IllegalArgumentException(data.remaining() + " bytes are not a whole number of "
                        + elementType + " elements");
            }
            data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public GgufValueType type() {
            return GgufValueType.ARRAY;
        }

        /** A read-only little-endian view of the payload. */
        @Override
        public ByteBuffer data() {
            return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }

        public int size() {
            return data.capacity() / elementType.fixedSizeBytes();
        }

        /** Element {@code i} of an integer or boolean array (booleans read as 0/1; {@code UINT64} as raw bits). */
        public long longAt(int i) {
            return Numbers.readInteger(elementType, data, i);
        }

        /** Element {@code i} of a float array. */
        public double doubleAt(int i) {
            return Numbers.readFloat(elementType, data, i);
        }

        /** The elements of an integer array as ints; throws {@link ArithmeticException} for one outside int range. */
        public int[] toIntArray() {
            int[] out = new int[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.toIntExact(longAt(i));
            }
            return out;
        }

        public long[] toLongArray() {
            long[] out = new long[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = longAt(i);
            }
            return out;
        }

        public float[] toFloatArray() {
            float[] out = new float[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) doubleAt(i);
            }
            return out;
        }

        @Override
        public String toString() {
            return "NumberArray[" + elementType + " x " + size() + "]";
        }
    }

    record StringArray(List<String> values) implements GgufValue {
        public StringArray {
            values = List.copyOf(values);
        }

        @Override
        public GgufValueType type() {
            return GgufValueType.ARRAY;
        }

        @Override
        public String toString() {
            return "StringArray[" + values.size() + " strings]";
        }
    }

    static IntValue u8(int value) {
        return new IntValue(GgufValueType.UINT8, value);
    }

    static IntValue i8(int value) {
        return new IntValue(GgufValueType.INT8, value);
    }

    static IntValue u16(int value) {
        return new IntValue(GgufValueType.UINT16, value);
    }

    static IntValue i16(int value) {
        return new IntValue(GgufValueType.INT16, value);
    }

    static IntValue u32(long value) {
        return new IntValue(GgufValueType.UINT32, value);
    }

    static IntValue i32(int value) {
        return new IntValue(GgufValueType.INT32, value);
    }

    /** A {@code UINT64} from its raw bits (values above {@link Long#MAX_VALUE} are negative longs). */
    static IntValue u64(long rawBits) {
        return new IntValue(GgufValueType.UINT64, rawBits);
    }

    static IntValue i64(long value) {
        return new IntValue(GgufValueType.INT64, value);
    }

    static FloatValue f32(float value) {
        return new FloatValue(GgufValueType.FLOAT32, value);
    }

    static FloatValue f64(double value) {
        return new FloatValue(GgufValueType.FLOAT64, value);
    }

    static BoolValue bool(boolean value) {
        return new BoolValue(value);
    }

    static StringValue string(String value) {
        return new StringValue(value);
    }

    static StringArray strings(List<String> values) {
        return new StringArray(values);
    }

    static NumberArray i32s(int... values) {
        ByteBuffer b = Numbers.allocate(values.length, GgufValueType.INT32);
        b.asIntBuffer().put(values);
        return new NumberArray(GgufValueType.INT32, b);
    }

    static NumberArray f32s(float... values) {
        ByteBuffer b = Numbers.allocate(values.length, GgufValueType.FLOAT32);
        b.asFloatBuffer().put(values);
        return new NumberArray(GgufValueType.FLOAT32, b);
    }

    static NumberArray bools(boolean... values) {
        ByteBuffer b = Numbers.allocate(values.length, GgufValueType.BOOL);
        for (boolean v : values) {
            b.put((byte) (v ? 1 : 0));
        }
        return new NumberArray(GgufValueType.BOOL, b.flip());
    }

    /** An integer array of any integer element type; each value must fit that type. */
    static NumberArray integers(GgufValueType elementType, long... values) {
        if (!elementType.isInteger()) {
            throw new IllegalArgumentException(elementType + " is not an integer type");
        }
        ByteBuffer b = Numbers.allocate(values.length, elementType);
        for (long v : values) {
            if (!Numbers.fitsInteger(elementType, v)) {
                throw new IllegalArgumentException(v + " does not fit " + elementType);
            }
            Numbers.putInteger(elementType, b, v);
        }
        return new NumberArray(elementType, b.flip());
    }
}
