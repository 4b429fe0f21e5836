package xcot.bindgen;

import java.util.Objects;

/** How a C type looks in Java: a value layout with its carrier, a struct/union layout, or a sequence layout. */
sealed interface JType {
    long sizeBytes();

    long alignBytes();

    /** The Java expression for this layout, inside a class that sees {@code header}'s C_* constants. */
    String layoutExpression(String header);

    /** A C scalar or pointer: {@code constant} is jextract's name for it (C_INT, C_POINTER, ...). */
    record Value(String constant, String layoutClass, String carrier, long sizeBytes) implements JType {
        static final Value POINTER = new Value("C_POINTER", "AddressLayout", "MemorySegment", 8);

        public Value {
            Objects.requireNonNull(constant);
        }

        @Override
        public long alignBytes() {
            return sizeBytes;
        }

        @Override
        public String layoutExpression(String header) {
            return header.isEmpty() ? constant : header + "." + constant;
        }
    }

    /** A struct or union; {@code className} is how generated code names its class (a nested class by simple name). */
    record Group(String className, Ast.Record record, RecordLayout layout) implements JType {
        @Override
        public long sizeBytes() {
            return layout.sizeBytes();
        }

        @Override
        public long alignBytes() {
            return layout.alignBytes();
        }

        @Override
        public String layoutExpression(String header) {
            return className + ".layout()";
        }
    }

    /** A C array. */
    record Sequence(JType element, long length) implements JType {
        @Override
        public long sizeBytes() {
            return element.sizeBytes() * length;
        }

        @Override
        public long alignBytes() {
            return element.alignBytes();
        }

        @Override
        public String layoutExpression(String header) {
            return "MemoryLayout.sequenceLayout(" + length + ", " + element.layoutExpression(header) + ")";
        }
    }
}
