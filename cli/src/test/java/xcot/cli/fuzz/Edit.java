package xcot.cli.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufValue;
import xcot.gguf.GgufValueType;

/**
 * One change to a model's parts (a key-value pair, the vocabulary, a tensor's info or data). Each describes itself
 * in one line, so a failing input can be rebuilt by hand and the corpus counts distinct changes.
 */
sealed interface Edit {
    void apply(ModelParts parts);

    String describe();

    /** Sets (or adds) a key to a value of any type. */
    record SetKey(String key, GgufValue value) implements Edit {
        public void apply(ModelParts p) {
            p.kv.put(resolve(key, p), value);
        }

        public String describe() {
            return "set " + key + " = " + show(value);
        }
    }

    record RemoveKey(String key) implements Edit {
        public void apply(ModelParts p) {
            p.kv.remove(resolve(key, p));
        }

        public String describe() {
            return "remove " + key;
        }
    }

    /** Changes token {@code index} of the vocabulary to another text (a duplicate, empty, with a NUL, ...). */
    record Token(int index, TokenText text) implements Edit {
        public void apply(ModelParts p) {
            if (!(p.kv.get(GgufKeys.TOKENS) instanceof GgufValue.StringArray(List<String> values))
                    || values.isEmpty()) {
                return;
            }
            List<String> tokens = new ArrayList<>(values);
            int i = Math.floorMod(index, tokens.size());
            tokens.set(i, text.of(tokens, i));
            p.kv.put(GgufKeys.TOKENS, GgufValue.strings(tokens));
        }

        public String describe() {
            return "token " + index + " := " + text;
        }
    }

    enum TokenText {
        DUPLICATE_OF_NEXT, EMPTY, WITH_NUL, LONG, BYTE_TOKEN_RENAMED, EMPTY_PLACEHOLDER_OF_FIRST, REPLACEMENT_CHAR;

        String of(List<String> tokens, int i) {
            return switch (this) {
                case DUPLICATE_OF_NEXT -> tokens.get((i + 1) % tokens.size());
                case EMPTY -> "";
                case WITH_NUL -> tokens.get(i) + "\0x";
                case LONG -> "x".repeat(5000);
                case BYTE_TOKEN_RENAMED -> tokens.get(i) + "~";
                case EMPTY_PLACEHOLDER_OF_FIRST -> "[EMPTY_0]";
                case REPLACEMENT_CHAR -> "\uFFFD";
            };
        }
    }

    /** Cuts or extends a metadata array ({@code tokens}, {@code token_type}, {@code scores}, {@code merges}). */
    record ResizeArray(String key, int delta) implements Edit {
        public void apply(ModelParts p) {
            GgufValue v = p.kv.get(resolve(key, p));
            if (v instanceof GgufValue.StringArray(List<String> values)) {
                List<String> out = new ArrayList<>(values.subList(0, Math.max(0, Math.min(values.size(),
                        values.size() + delta))));
                for (int i = 0; i < delta; i++) {
                    out.add("extra" + i);
                }
                p.kv.put(resolve(key, p), GgufValue.strings(out));
            } else if (v instanceof GgufValue.NumberArray a) {
                int width = a.elementType().fixedSizeBytes();
                int n = Math.max(0, a.size() + delta);
                ByteBuffer b = ByteBuffer.allocate(n * width).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer src = a.data();
                src.limit(Math.min(src.capacity(), n * width));
                b.put(src);
                p.kv.put(resolve(key, p), new GgufValue.NumberArray(a.elementType(), b.position(0)));
            }
        }

        public String describe() {
            return "resize " + key + " by " + delta;
        }
    }

    /** Overwrites one element of a number array with raw 32-bit or smaller bits (a token type, a NaN score). */
    record ArrayElement(String key, int index, long bits) implements Edit {
        public void apply(ModelParts p) {
            if (!(p.kv.get(resolve(key, p)) instanceof GgufValue.NumberArray a) || a.size() == 0) {
                return;
            }
            ByteBuffer b = ByteBuffer.allocate(a.data().capacity()).order(ByteOrder.LITTLE_ENDIAN);
            b.put(a.data());
            int at = Math.floorMod(index, a.size()) * a.elementType().fixedSizeBytes();
            switch (a.elementType().fixedSizeBytes()) {
                case 1 -> b.put(at, (byte) bits);
                case 2 -> b.putShort(at, (short) bits);
                case 4 -> b.putInt(at, (int) bits);
                default -> b.putLong(at, bits);
            }
            p.kv.put(resolve(key, p), new GgufValue.NumberArray(a.elementType(), b.position(0)));
        }

        public String describe() {
            return key + "[" + index + "] := bits 0x" + Long.toHexString(bits);
        }
    }

    /** Sets dimension {@code dim} of tensor {@code tensor} (mod the tensor count) to {@code value}. */
    record TensorShape(int tensor, int dim, long value) implements Edit {
        public void apply(ModelParts p) {
            int i = Math.floorMod(tensor, p.tensors.size());
            ModelParts.Tensor t = p.tensors.get(i);
            List<Long> shape = new ArrayList<>(t.shape());
            if (dim < shape.size()) {
                shape.set(dim, value);
            } else {
                shape.add(value);
            }
            p.tensors.set(i, t.reshaped(shape, t.type()));
        }

        public String describe() {
            return "tensor #" + tensor + " ne[" + dim + "] := " + value;
        }
    }

    record TensorType(int tensor, GgmlType type) implements Edit {
        public void apply(ModelParts p) {
            int i = Math.floorMod(tensor, p.tensors.size());
            ModelParts.Tensor t = p.tensors.get(i);
            p.tensors.set(i, t.reshaped(t.shape(), type));
        }

        public String describe() {
            return "tensor #" + tensor + " type := " + type;
        }
    }

    record TensorName(int tensor, String name) implements Edit {
        public void apply(ModelParts p) {
            int i = Math.floorMod(tensor, p.tensors.size());
            ModelParts.Tensor t = p.tensors.get(i);
            p.tensors.set(i, new ModelParts.Tensor(name, t.shape(), t.type(), t.data()));
        }

        public String describe() {
            return "tensor #" + tensor + " name := " + name;
        }
    }

    record DropTensor(int tensor) implements Edit {
        public void apply(ModelParts p) {
            p.tensors.remove(Math.floorMod(tensor, p.tensors.size()));
        }

        public String describe() {
            return "drop tensor #" + tensor;
        }
    }

    /** Writes a NaN or an infinity into one element of a tensor (a block's scale for block-quantized types). */
    record TensorBits(int tensor, int element, NonFinite value) implements Edit {
        public void apply(ModelParts p) {
            ModelParts.Tensor t = p.tensors.get(Math.floorMod(tensor, p.tensors.size()));
            ByteBuffer b = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
            int stride = t.type().bytesPerBlock();
            int count = t.data().length / stride;
            if (count == 0) {
                return;
            }
            int at = Math.floorMod(element, count) * stride;
            switch (t.type()) {
                case F32 -> b.putInt(at, value.f32Bits);
                case BF16 -> b.putShort(at, (short) (value.f32Bits >>> 16));
                // F16 elements, and the f16 scale that starts a Q8_0/Q4_0/Q4_K... block
                default -> b.putShort(at, value.f16Bits);
            }
        }

        public String describe() {
            return "tensor #" + tensor + " element " + element + " := " + value;
        }
    }

    enum NonFinite {
        NAN(0x7FC0_0000, (short) 0x7E00), INFINITY(0x7F80_0000, (short) 0x7C00),
        NEGATIVE_INFINITY(0xFF80_0000, (short) 0xFC00);

        final int f32Bits;
        final short f16Bits;

        NonFinite(int f32Bits, short f16Bits) {
            this.f32Bits = f32Bits;
            this.f16Bits = f16Bits;
        }
    }

    /** Key names with {@code ARCH} stand for the model's architecture prefix. */
    static String resolve(String key, ModelParts p) {
        return key.replace("ARCH", p.architecture);
    }

    private static String show(GgufValue v) {
        return switch (v) {
            case GgufValue.StringValue s -> s.type() + " \"" + (s.value().length() > 20
                    ? s.value().substring(0, 20) + "..." + s.value().length() : s.value()).replace("\0", "\\0") + "\"";
            case GgufValue.NumberArray a -> "array of " + a.size() + " " + a.elementType() + " " + a.data().hashCode();
            case GgufValue.StringArray a -> "array of " + a.values().size() + " STRING " + a.values().hashCode();
            case GgufValue.IntValue i -> i.type() + " " + (i.type() == GgufValueType.UINT64
                    ? Long.toUnsignedString(i.value()) : Long.toString(i.value()));
            case GgufValue.FloatValue f -> f.type() + " " + f.value();
            case GgufValue.BoolValue b -> "BOOL " + b.value();
        };
    }
}
