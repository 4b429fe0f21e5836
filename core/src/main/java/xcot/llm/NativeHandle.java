package xcot.llm;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The ownership skeleton shared by every handle: one native pointer, one owner, idempotent close, children closed
 * before their parent, and {@link IllegalStateException} for any use after close (instead of a dangling pointer).
 *
 * <p>Handles are not thread-safe: one thread at a time may use a handle and its children.
 */
abstract sealed class NativeHandle implements AutoCloseable permits Model, Context, Batch, Sampler,
        TrainingDataset, TrainingSession {
    private final String kind;
    private MemorySegment pointer;
    private final List<NativeHandle> children = new ArrayList<>();
    private NativeHandle parent;

    NativeHandle(String kind, MemorySegment pointer) {
        if (pointer == null || pointer.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException(kind + " pointer is NULL");
        }
        this.kind = kind;
        this.pointer = pointer;
    }

    /** The native pointer; throws if this handle is closed. */
    final MemorySegment pointer() {
        if (pointer == null) {
            throw new IllegalStateException(kind + " is closed");
        }
        return pointer;
    }

    public final boolean isClosed() {
        return pointer == null;
    }

    /** Makes {@code child} close when this handle closes (children first). */
    final <T extends NativeHandle> T adopt(T child) {
        pointer();
        NativeHandle adopted = child;
        adopted.parent = this;
        children.add(adopted);
        return child;
    }

    @Override
    public final void close() {
        if (pointer == null) {
            return;
        }
        for (NativeHandle child : List.copyOf(children)) {
            child.close();
        }
        MemorySegment toFree = pointer;
        pointer = null;
        if (parent != null) {
            parent.children.remove(this);
            parent = null;
        }
        free(toFree);
    }

    /** Releases the native object; called exactly once. */
    abstract void free(MemorySegment pointer);
}
