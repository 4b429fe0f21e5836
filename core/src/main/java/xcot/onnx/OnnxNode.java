package xcot.onnx;

import java.util.List;

/** One operator of an ONNX graph ({@code NodeProto}): its type and the names of the values it reads and writes. */
public record OnnxNode(String opType, List<String> inputs, List<String> outputs) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
