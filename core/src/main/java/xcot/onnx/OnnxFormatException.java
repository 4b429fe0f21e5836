package xcot.onnx;

/** An ONNX file that is not what its reader needs: bad protobuf, a missing tensor, an unsupported data type. */
public final class OnnxFormatException extends RuntimeException {
    public OnnxFormatException(String message) {
        super(message);
    }
}
