package xcot.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The graph of an ONNX model file as far as a weight converter needs it: the initializers (named weights) and the
 * nodes that use them. Parsed straight from protobuf wire format (ONNX's {@code onnx.proto3}: ModelProto field 7 is
 * the graph; GraphProto 1 = node, 5 = initializer; NodeProto 1 = input, 2 = output, 4 = op_type; TensorProto 1 =
 * dims, 2 = data_type, 4 = float_data, 8 = name, 9 = raw_data), with no protobuf library. Initializer data stays a
 * view into the file's bytes.
 */
public record OnnxGraph(List<OnnxNode> nodes, Map<String, OnnxTensor> initializers) {
    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
    }

    /** Parses a whole ONNX model file held in {@code model}. */
    public static OnnxGraph read(ByteBuffer model, String source) {
        ProtoReader m = new ProtoReader(model, source);
        ByteBuffer graph = null;
        while (m.next()) {
            if (m.field() == 7 && m.wireType() == ProtoReader.LENGTH_DELIMITED) {
                graph = m.bytes();
            } else {
                m.skip();
            }
        }
        if (graph == null) {
            throw new OnnxFormatException(source + ": no graph (is this an ONNX model?)");
        }
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        ProtoReader g = new ProtoReader(graph, source + ": graph");
        while (g.next()) {
            switch (g.field()) {
                case 1 -> nodes.add(node(g.message("node")));
                case 5 -> {
                    OnnxTensor t = tensor(g.message("initializer"));
                    if (initializers.put(t.name(), t) != null) {
                        throw new OnnxFormatException(source + ": two initializers named '" + t.name() + "'");
                    }
                }
                default -> g.skip();
            }
        }
        return new OnnxGraph(nodes, initializers);
    }

    /** The initializer {@code name}; throws if absent. */
    public OnnxTensor initializer(String name) {
        OnnxTensor t = initializers.get(name);
        if (t == null) {
            throw new OnnxFormatException("the graph has no initializer '" + name + "'");
        }
        return t;
    }

    /** The first node of type {@code opType} that reads {@code value}. */
    public Optional<OnnxNode> consumer(String value, String opType) {
        return nodes.stream().filter(n -> n.opType().equals(opType) && n.inputs().contains(value)).findFirst();
    }

    private static OnnxNode node(ProtoReader r) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> inputs.add(r.string());
                case 2 -> outputs.add(r.string());
                case 4 -> op = r.string();
                default -> r.skip();
            }
        }
        return new OnnxNode(op, inputs, outputs);
    }

    private static OnnxTensor tensor(ProtoReader r) {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        List<Integer> floatBits = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> r.repeatedVarints(dims);
                case 2 -> dataType = (int) r.varintValue();
                case 4 -> {
                    // float_data, which proto3 writers pack (one length-delimited run of fixed32 values)
                    if (r.wireType() != ProtoReader.LENGTH_DELIMITED) {
                        throw new OnnxFormatException("tensor '" + name + "': unpacked float_data is not supported");
                    }
                    if (floatBits == null) {
                        floatBits = new ArrayList<>();
                    }
                    ByteBuffer packed = r.bytes();
                    while (packed.remaining() >= Float.BYTES) {
                        floatBits.add(packed.getInt());
                    }
                }
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 14 -> {
                    if (r.varintValue() != 0) {
                        throw new OnnxFormatException("tensor '" + name + "' keeps its data in an external file");
                    }
                }
                default -> r.skip();
            }
        }
        if (raw == null) {
            List<Integer> bits = floatBits == null ? List.of() : floatBits;
            raw = ByteBuffer.allocate(bits.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int b : bits) {
                raw.putInt(b);
            }
            raw.flip();
        }
        return new OnnxTensor(name, dims, dataType, raw);
    }
}
