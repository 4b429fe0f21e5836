package xcot.bindgen;

import java.util.Objects;

/** The value clang gave a macro constant, and the Java type it is emitted as (int, long, float, double, String). */
record MacroValue(String name, String javaType, Object value) {
    MacroValue {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
        if (!java.util.Set.of("int", "long", "float", "double", "String").contains(javaType)) {
            throw new IllegalArgumentException("unsupported macro type " + javaType);
        }
    }
}
