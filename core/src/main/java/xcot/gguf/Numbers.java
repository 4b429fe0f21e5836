package xcot.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Range checks and little-endian access for GGUF's fixed-width value types, in one place. */
final class Numbers {
    private Numbers() {}

    static boolean fitsInteger(GgufValueType type, long v) {
        return switch (type) {
            case UINT8 -> v >= 0 && v <= 0xFFL;
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xFFFFL;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT64, INT64 -> true;
            default -> false;
        };
    }

    static ByteBuffer allocate(int count, GgufValueType type) {
        return ByteBuffer.allocate(Math.multiplyExact(count, type.fixedSizeBytes())).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element {@code i} of an integer or boolean payload, widened without sign for the unsigned types. */
    static long readInteger(GgufValueType type, ByteBuffer le, int i) {
        int at = i * type.fixedSizeBytes();
        return switch (type) {
            case UINT8 -> le.get(at) & 0xFFL;
            case INT8 -> le.get(at);
            case BOOL -> le.get(at) != 0 ? 1 : 0;
            case UINT16 -> le.getShort(at) & 0xFFFFL;
            case INT16 -> le.getShort(at);
            case UINT32 -> le.getInt(at) & 0xFFFF_FFFFL;
            case INT32 -> le.getInt(at);
            case UINT64, INT64 -> le.getLong(at);
            default -> throw new IllegalStateException(type + " is not an integer type");
        };
    }

    static double readFloat(GgufValueType type, ByteBuffer le, int i) {
        return switch (type) {
            case FLOAT32 -> le.getFloat(i * 4);
            case FLOAT64 -> le.getDouble(i * 8);
            default -> throw new IllegalStateException(type + " is not a float type");
        };
    }

    /** Appends an integer that fits {@code type}, truncated to its width. */
    static void putInteger(GgufValueType type, ByteBuffer le, long v) {
        switch (type.fixedSizeBytes()) {
            case 1 -> le.put((byte) v);
            case 2 -> le.putShort((short) v);
            case 4 -> le.putInt((int) v);
            case 8 -> le.putLong(v);
            default -> throw new IllegalStateException(type + " is not fixed-width");
        }
    }
}
