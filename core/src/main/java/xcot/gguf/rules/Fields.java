package xcot.gguf.rules;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import xcot.gguf.GgufFormatException;
import xcot.gguf.GgufMetadata;
import xcot.gguf.GgufValue;
import xcot.gguf.GgufValueType;

/**
 * Reads metadata the way llama.cpp's loader does ({@code llama_model_loader::get_key}, {@code get_key_or_arr}): a
 * value must have exactly the type llama.cpp asks for (a {@code uint32_t} field needs a {@code UINT32}, a float a
 * {@code FLOAT32}), and a per-layer field is a scalar or an array with one element per layer. A value of another type
 * is refused here with the key and both types, where llama.cpp would refuse the file with a less specific message.
 */
final class Fields {
    private final String file;
    private final GgufMetadata metadata;

    Fields(String file, GgufMetadata metadata) {
        this.file = file;
        this.metadata = metadata;
    }

    String file() {
        return file;
    }

    GgufMetadata metadata() {
        return metadata;
    }

    boolean has(String key) {
        return metadata.contains(key);
    }

    /** Whether {@code key} holds an array (a per-layer value given layer by layer). */
    boolean isArray(String key) {
        return metadata.find(key).map(v -> v.type() == GgufValueType.ARRAY).orElse(false);
    }

    /** Refuses the file when {@code key} is absent. */
    void require(String key) throws GgufFormatException {
        if (!has(key)) {
            throw LoadRules.refuse(file, "key '" + key + "' is missing");
        }
    }

    OptionalLong u32(String key) throws GgufFormatException {
        Optional<GgufValue> v = metadata.find(key);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!(v.get() instanceof GgufValue.IntValue(GgufValueType type, long value)) || type != GgufValueType.UINT32) {
            throw wrongType(key, v.get(), "UINT32");
        }
        return OptionalLong.of(value);
    }

    long requiredU32(String key) throws GgufFormatException {
        require(key);
        return u32(key).orElseThrow();
    }

    OptionalDouble f32(String key) throws GgufFormatException {
        Optional<GgufValue> v = metadata.find(key);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!(v.get() instanceof GgufValue.FloatValue(GgufValueType type, double value))
                || type != GgufValueType.FLOAT32) {
            throw wrongType(key, v.get(), "FLOAT32");
        }
        return OptionalDouble.of(value);
    }

    Optional<String> string(String key) throws GgufFormatException {
        Optional<GgufValue> v = metadata.find(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!(v.get() instanceof GgufValue.StringValue(String value))) {
            throw wrongType(key, v.get(), "STRING");
        }
        return Optional.of(value);
    }

    Optional<Boolean> bool(String key) throws GgufFormatException {
        Optional<GgufValue> v = metadata.find(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!(v.get() instanceof GgufValue.BoolValue(boolean value))) {
            throw wrongType(key, v.get(), "BOOL");
        }
        return Optional.of(value);
    }

    /**
     * A {@code uint32_t} per layer: a {@code UINT32} scalar for all layers, or an array of {@code UINT32},
     * {@code INT32} or {@code BOOL} with exactly {@code layers} elements. Empty when the key is absent.
     */
    Optional<long[]> u32PerLayer(String key, int layers) throws GgufFormatException {
        Optional<GgufValue> v = metadata.find(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get() instanceof GgufValue.NumberArray a) {
            GgufValueType t = a.elementType();
            if (t != GgufValueType.UINT32 && t != GgufValueType.INT32 && t != GgufValueType.BOOL) {
                throw LoadRules.refuse(file, "key '" + key + "' is an array of " + t
                        + "; llama.cpp reads a UINT32 or an array of UINT32 per layer");
            }
            if (a.size() != layers) {
                throw LoadRules.refuse(file, "key '" + key + "' has " + a.size() + " elements for " + layers
                        + " layers; llama.cpp needs one per layer");
            }
            long[] values = new long[layers];
            for (int i = 0; i < layers; i++) {
                values[i] = t == GgufValueType.INT32 ? a.longAt(i) & 0xFFFF_FFFFL : a.longAt(i);
            }
            return Optional.of(values);
        }
        long value = u32(key).orElseThrow();
        long[] values = new long[layers];
        java.util.Arrays.fill(values, value);
        return Optional.of(values);
    }

    private GgufFormatException wrongType(String key, GgufValue v, String expected) {
        String actual = v instanceof GgufValue.NumberArray a ? "an array of " + a.elementType()
                : v instanceof GgufValue.StringArray ? "an array of STRING" : v.type().toString();
        return LoadRules.refuse(file, "key '" + key + "' has type " + actual + "; llama.cpp reads " + expected);
    }
}
