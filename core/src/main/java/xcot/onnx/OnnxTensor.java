package xcot.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One initializer of an ONNX graph ({@code TensorProto}): name, dimensions (outermost first, row-major) and data.
 * Only FLOAT tensors expose their values; others are kept for their shape.
 *
 * @param dataType ONNX's {@code TensorProto.DataType} ({@value #FLOAT} = FLOAT, 7 = INT64, ...)
 * @param data     the little-endian values ({@code raw_data}, or {@code float_data} re-encoded), a read-only view
 */
public record OnnxTensor(String name, List<Long> dims, int dataType, ByteBuffer data) {
    public static final int FLOAT = 1;

    public OnnxTensor {
        dims = List.copyOf(dims);
        data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public long elementCount() {
        return dims.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
    }

    /** The values of a FLOAT tensor, in row-major order. */
    public float[] floats() {
        if (dataType != FLOAT) {
            throw new OnnxFormatException("tensor '" + name + "' has data type " + dataType + ", not FLOAT");
        }
        long count = elementCount();
        if (data.remaining() != count * Float.BYTES) {
            throw new OnnxFormatException("tensor '" + name + "' has " + data.remaining() + " bytes for " + count
                    + " floats");
        }
        float[] values = new float[(int) count];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
