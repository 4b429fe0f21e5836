package xcot.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The key-value metadata of a GGUF file, in file order, with typed getters. A getter for a key that is missing or
 * holds another type throws {@link GgufFormatException} naming the file ({@link #source()}) and the key, so callers
 * reading a model's hyperparameters get one-line errors without checks of their own. Immutable.
 */
public final class GgufMetadata {
    private final String source;
    private final Map<String, GgufValue> entries;
    /** Key → element index (-1 for a scalar) of its first string whose bytes were not valid UTF-8. */
    private final Map<String, Long> malformedUtf8;

    private GgufMetadata(String source, Map<String, GgufValue> entries, Map<String, Long> malformedUtf8) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.malformedUtf8 = Map.copyOf(malformedUtf8);
    }

    static GgufMetadata of(String source, Map<String, GgufValue> entries, Map<String, Long> malformedUtf8) {
        return new GgufMetadata(source, entries, malformedUtf8);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these entries, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entries.putAll(entries);
        return b;
    }

    /** Where the metadata came from (the file path as given), used in error messages. */
    public String source() {
        return source;
    }

    /** All entries in file order; unmodifiable. */
    public Map<String, GgufValue> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /**
     * Where the string value of {@code key} (-1) or its first string element (the index) held bytes that are not
     * valid UTF-8 in the file; such strings read here with U+FFFD in place of the bad bytes. Empty when all were
     * valid, and always for built metadata.
     */
    public OptionalLong malformedUtf8(String key) {
        Long at = malformedUtf8.get(key);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    public Optional<GgufValue> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public GgufValue get(String key) throws GgufFormatException {
        GgufValue v = entries.get(key);
        if (v == null) {
            throw GgufFormatException.metadata(source, "key " + GgufException.quote(key) + " is missing");
        }
        return v;
    }

    public String getString(String key) throws GgufFormatException {
        return as(key, get(key), GgufValue.StringValue.class, "a string").value();
    }

    public Optional<String> findString(String key) throws GgufFormatException {
        return contains(key) ? Optional.of(getString(key)) : Optional.empty();
    }

    /** An integer of any integer type; a {@code UINT64} above {@link Long#MAX_VALUE} is an error. */
    public long getLong(String key) throws GgufFormatException {
        GgufValue.IntValue v = as(key, get(key), GgufValue.IntValue.class, "an integer");
        if (v.type() == GgufValueType.UINT64 && v.value() < 0) {
            throw wrong(key, "value " + Long.toUnsignedString(v.value()) + " does not fit a signed 64-bit integer");
        }
        return v.value();
    }

    public OptionalLong findLong(String key) throws GgufFormatException {
        return contains(key) ? OptionalLong.of(getLong(key)) : OptionalLong.empty();
    }

    /** An integer of any integer type whose value fits an {@code int}. */
    public int getInt(String key) throws GgufFormatException {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw wrong(key, "value " + v + " does not fit a 32-bit integer");
        }
        return (int) v;
    }

    public double getDouble(String key) throws GgufFormatException {
        return as(key, get(key), GgufValue.FloatValue.class, "a float").value();
    }

    public boolean getBool(String key) throws GgufFormatException {
        return as(key, get(key), GgufValue.BoolValue.class, "a bool").value();
    }

    public Optional<Boolean> findBool(String key) throws GgufFormatException {
        return contains(key) ? Optional.of(getBool(key)) : Optional.empty();
    }

    public List<String> getStrings(String key) throws GgufFormatException {
        return as(key, get(key), GgufValue.StringArray.class, "a string array").values();
    }

    /** An integer array whose elements all fit an {@code int}. */
    public int[] getInts(String key) throws GgufFormatException {
        GgufValue.NumberArray a = numberArray(key);
        if (!a.elementType().isInteger()) {
            throw wrong(key, "holds an array of " + a.elementType() + ", not of integers");
        }
        try {
            return a.toIntArray();
        } catch (ArithmeticException e) {
            throw wrong(key, "has an element outside the 32-bit integer range");
        }
    }

    public float[] getFloats(String key) throws GgufFormatException {
        GgufValue.NumberArray a = numberArray(key);
        if (!a.elementType().isFloat()) {
            throw wrong(key, "holds an array of " + a.elementType() + ", not of floats");
        }
        return a.toFloatArray();
    }

    private GgufValue.NumberArray numberArray(String key) throws GgufFormatException {
        return as(key, get(key), GgufValue.NumberArray.class, "a number array");
    }

    private <T extends GgufValue> T as(String key, GgufValue v, Class<T> kind, String what)
            throws GgufFormatException {
        if (!kind.isInstance(v)) {
            throw wrong(key, "is " + describe(v) + ", not " + what);
        }
        return kind.cast(v);
    }

    private GgufFormatException wrong(String key, String problem) {
        return GgufFormatException.metadata(source, "key " + GgufException.quote(key) + " " + problem);
    }

    private static String describe(GgufValue v) {
        return switch (v) {
            case GgufValue.NumberArray a -> "an array of " + a.elementType();
            case GgufValue.StringArray a -> "an array of STRING";
            default -> "a " + v.type();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufMetadata m && entries.equals(m.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "GgufMetadata[" + source + ", " + entries.size() + " keys]";
    }

    /** Collects entries in insertion order; a key may be put once. */
    public static final class Builder {
        private final Map<String, GgufValue> entries = new LinkedHashMap<>();

        private Builder() {}

        /** @throws IllegalArgumentException for an empty key or one that is already present */
        public Builder put(String key, GgufValue value) {
            Objects.requireNonNull(value, "value");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("GGUF keys must not be empty");
            }
            if (entries.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("key '" + key + "' is already set");
            }
            return this;
        }

        /** Sets or overwrites a key, keeping its position when it was present. */
        public Builder set(String key, GgufValue value) {
            if (entries.containsKey(key)) {
                entries.put(key, Objects.requireNonNull(value, "value"));
                return this;
            }
            return put(key, value);
        }

        public Builder remove(String key) {
            entries.remove(key);
            return this;
        }

        public Builder putString(String key, String value) {
            return put(key, GgufValue.string(value));
        }

        public Builder putU32(String key, long value) {
            return put(key, GgufValue.u32(value));
        }

        public Builder putI32(String key, int value) {
            return put(key, GgufValue.i32(value));
        }

        public Builder putF32(String key, float value) {
            return put(key, GgufValue.f32(value));
        }

        public Builder putBool(String key, boolean value) {
            return put(key, GgufValue.bool(value));
        }

        public Builder putStrings(String key, List<String> values) {
            return put(key, GgufValue.strings(values));
        }

        public Builder putI32s(String key, int... values) {
            return put(key, GgufValue.i32s(values));
        }

        public Builder putF32s(String key, float... values) {
            return put(key, GgufValue.f32s(values));
        }

        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        public GgufMetadata build() {
            return new GgufMetadata("<built>", entries, Map.of());
        }
    }
}
