package xcot.bindgen;

import java.util.List;
import java.util.Objects;

/**
 * A C type as clang prints it in the AST ({@code qualType}), with typedef names kept so that the generator can tell
 * {@code llama_progress_callback} from an anonymous function pointer. {@code const} on a base type is kept (as
 * {@link Const}) only for the C snippets in generated Javadoc, where it tells inputs from outputs; it changes no
 * layout or calling convention. Other qualifiers are dropped.
 */
sealed interface CType {

    /** Builtin arithmetic types and void. */
    enum Kind {
        VOID, BOOL, CHAR, SCHAR, UCHAR, SHORT, USHORT, INT, UINT, LONG, ULONG, LONGLONG, ULONGLONG, FLOAT, DOUBLE,
        LONGDOUBLE, INT128, UINT128
    }

    /** Whether a tagged type is a struct, union or enum. */
    enum Tag { STRUCT, UNION, ENUM }

    record Builtin(Kind kind) implements CType {
        public Builtin {
            Objects.requireNonNull(kind);
        }
    }

    record Pointer(CType pointee) implements CType {
        public Pointer {
            Objects.requireNonNull(pointee);
        }
    }

    record Array(CType element, long length) implements CType {
        public Array {
            Objects.requireNonNull(element);
            if (length < 0) {
                throw new IllegalArgumentException("negative array length " + length);
            }
        }
    }

    record Function(CType result, List<CType> parameters, boolean variadic) implements CType {
        public Function {
            Objects.requireNonNull(result);
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * {@code struct NAME}, {@code union NAME} or {@code enum NAME}. An anonymous one has no name; its key is the
     * {@code file:line:col} where clang says it is declared.
     */
    record Tagged(Tag tag, String name, String anonymousKey) implements CType {
        public Tagged {
            Objects.requireNonNull(tag);
            if ((name == null) == (anonymousKey == null)) {
                throw new IllegalArgumentException("a tagged type has a name or an anonymous key, not both");
            }
        }

        boolean anonymous() {
            return name == null;
        }
    }

    /** {@code const T} for a base type {@code T}. */
    record Const(CType type) implements CType {
        public Const {
            Objects.requireNonNull(type);
        }
    }

    record Typedef(String name) implements CType {
        public Typedef {
            Objects.requireNonNull(name);
        }
    }
}
