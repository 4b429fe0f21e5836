package xcot.cli.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import xcot.gguf.rules.BrokenModels;

/** One change to a file's bytes, after its parts were written: what a bit flip, a bad field or a cut file does. */
sealed interface ByteEdit {
    byte[] apply(byte[] in);

    String describe();

    record Overwrite(int at, byte value) implements ByteEdit {
        public byte[] apply(byte[] in) {
            byte[] out = in.clone();
            out[Math.floorMod(at, out.length)] = value;
            return out;
        }

        public String describe() {
            return "byte " + at + " := " + value;
        }
    }

    /** A 4- or 8-byte little-endian field set to an extreme value (a count, a length, a type, an offset). */
    record Field(int at, long value, boolean wide) implements ByteEdit {
        public byte[] apply(byte[] in) {
            int width = wide ? 8 : 4;
            byte[] out = in.clone();
            ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
            int pos = Math.floorMod(at, out.length - width + 1);
            if (wide) {
                b.putLong(pos, value);
            } else {
                b.putInt(pos, (int) value);
            }
            return out;
        }

        public String describe() {
            return (wide ? "u64" : "u32") + " at " + at + " := " + value;
        }
    }

    record Truncate(int length) implements ByteEdit {
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, Math.floorMod(length, in.length + 1));
        }

        public String describe() {
            return "cut at " + length;
        }
    }

    record Insert(int at, byte[] bytes) implements ByteEdit {
        public byte[] apply(byte[] in) {
            int pos = Math.floorMod(at, in.length + 1);
            byte[] out = new byte[in.length + bytes.length];
            System.arraycopy(in, 0, out, 0, pos);
            System.arraycopy(bytes, 0, out, pos, bytes.length);
            System.arraycopy(in, pos, out, pos + bytes.length, in.length - pos);
            return out;
        }

        public String describe() {
            return "insert " + Arrays.toString(bytes) + " at " + at;
        }
    }

    /**
     * Makes the {@code occurrence}-th string of the header whose text is {@code text} invalid UTF-8 by setting one
     * of its bytes to {@code value} (0x80-0xFF): the reader keeps it, llama.cpp's decoder throws on it.
     */
    record BreakUtf8(String text, int offset, byte value) implements ByteEdit {
        public byte[] apply(byte[] in) {
            byte[] needle = text.getBytes(StandardCharsets.UTF_8);
            byte[] framed = ByteBuffer.allocate(8 + needle.length).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(needle.length).put(needle).array();
            int at = BrokenModels.indexOf(in, framed);
            if (at < 0 || needle.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[at + 8 + Math.floorMod(offset, needle.length)] = value;
            return out;
        }

        public String describe() {
            return "break UTF-8 of \"" + text + "\" at " + offset + " with " + (value & 0xFF);
        }
    }
}
