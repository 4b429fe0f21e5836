package xcot.llm;

import java.util.Deque;
import java.util.List;

/**
 * Which slot a queued request takes and what it reuses, for {@link BatchScheduler}. The free slot whose cells share
 * the longest prefix with the prompt (lowest id among equals) is taken and trimmed to that prefix; a longer prefix
 * held (or being prefilled) by another slot is copied instead, once it is decoded: with a unified cache the prefix's
 * cells are shared (metadata only); with a buffer per sequence llama.cpp copies only whole buffers, so the source's
 * whole buffer is copied and the copy trimmed to the prefix (a memory copy, far cheaper than decoding the prefix
 * again: the requests of one item that share its question would otherwise each prefill it). The last
 * prompt token is always decoded, since its logits give the first token. With a unified cache a request is admitted
 * only if every sequence in flight, grown to its prompt plus budget (within the window), still fits in the cache,
 * after dropping idle slots' leftover cells in id order; shared cells are counted once per holder in that bound, so
 * it never overcommits. Every choice depends only on the queue and the slots, never on timing.
 */
final class SlotAdmission {
    private final Memory memory;
    private final Vocab vocab;
    private final BatchOptions options;
    private final int window;
    private final boolean unified;
    private final SequenceSlot[] slots;
    private final CellLedger ledger;
    private long admissions;

    SlotAdmission(Memory memory, Vocab vocab, BatchOptions options, int window, boolean unified, SequenceSlot[] slots,
                  CellLedger ledger) {
        this.memory = memory;
        this.vocab = vocab;
        this.options = options;
        this.window = window;
        this.unified = unified;
        this.slots = slots;
        this.ledger = ledger;
    }

    /** Requests waiting for a prefix copy it once their source has decoded it (repeated: a copy may enable the next). */
    void copyReadyPrefixes() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (SequenceSlot slot : slots) {
                ActiveSequence a = slot.active;
                if (a != null && a.phase == ActiveSequence.Phase.WAITING_FOR_PREFIX
                        && a.prefixSource.cachedCount() >= a.prefixLength) {
                    copyPrefix(a.prefixSource, slot, a.prefixLength);
                    progress = true;
                }
            }
        }
    }

    private void copyPrefix(SequenceSlot source, SequenceSlot destination, int length) {
        if (unified) {
            memory.copySequence(source.sequence, destination.sequence, 0, length);
            destination.shareFrom(source, length, ledger);
        } else {
            memory.copySequence(source.sequence, destination.sequence, -1, -1);
            if (source.cachedCount() > length && !memory.removeSequence(destination.sequence, length, -1)) {
                throw new LlamaException("llama.cpp refused to remove positions " + length + ".. of sequence "
                        + destination.sequence + " after copying sequence " + source.sequence);
            }
            destination.copyFrom(source, length, ledger);
        }
        ActiveSequence a = destination.active;
        a.phase = ActiveSequence.Phase.PREFILL;
        a.promptCursor = length;
        a.reusedPromptTokens = length;
        a.prefixSource = null;
    }

    /**
     * Admits queued requests in order while a slot is free and the cache can hold them; a request whose sampler
     * cannot be built fails (into {@code done}) without taking a slot.
     */
    void admit(Deque<Ticket> queue, List<Ticket> done, long now) {
        while (!queue.isEmpty()) {
            SequenceRequest request = queue.peek().request;
            SequenceSlot destination = chooseFreeSlot(request);
            if (destination == null) {
                return;
            }
            int usable = request.promptTokens() - 1;   // the last prompt token is always decoded: it gives the logits
            int own = options.sharePrefixes() ? Math.min(destination.cachedPrefixMatch(request), usable) : 0;
            SequenceSlot source = null;
            int shared = 0;
            if (options.sharePrefixes()) {
                for (SequenceSlot s : slots) {
                    int match = s == destination ? 0 : Math.min(s.knownPrefixMatch(request), usable);
                    if (match > shared) {
                        source = s;
                        shared = match;
                    }
                }
            }
            boolean copy = source != null && shared > own;
            int reused = copy ? shared : own;
            trim(destination, copy ? 0 : own);
            if (unified && !makeRoom(request, reused, destination, copy ? source : null)) {
                // Without the copy the source's cells may go too (the destination is empty then).
                if (!copy || !makeRoom(request, 0, destination, null)) {
                    return;   // sequences in flight hold the cells it needs: it waits, and so does everyone after it
                }
                copy = false;
                reused = 0;
            }
            Ticket ticket = queue.poll();
            Sampler sampler;
            try {
                sampler = Sampler.chain(request.sampling(), vocab);
            } catch (RuntimeException e) {
                ticket.fail(e);
                done.add(ticket);
                continue;
            }
            ActiveSequence a = new ActiveSequence(ticket, sampler, admissions++, window, now);
            destination.active = a;
            if (copy) {
                a.phase = ActiveSequence.Phase.WAITING_FOR_PREFIX;
                a.prefixSource = source;
                a.prefixLength = shared;
                if (source.cachedCount() >= shared) {
                    copyPrefix(source, destination, shared);
                }
            } else {
                a.phase = ActiveSequence.Phase.PREFILL;
                a.promptCursor = reused;
                a.reusedPromptTokens = reused;
            }
        }
    }

    /** The free slot whose cells share the longest prefix with the request (the lowest id among equals). */
    private SequenceSlot chooseFreeSlot(SequenceRequest request) {
        SequenceSlot best = null;
        int bestMatch = -1;
        for (SequenceSlot s : slots) {
            if (s.isFree()) {
                int match = options.sharePrefixes() ? s.cachedPrefixMatch(request) : 0;
                if (match > bestMatch) {
                    best = s;
                    bestMatch = match;
                }
            }
        }
        return best;
    }

    /** Removes the slot's cells from position {@code from} on, in llama.cpp and in the mirror. */
    private void trim(SequenceSlot slot, int from) {
        if (slot.cachedCount() > from) {
            if (!memory.removeSequence(slot.sequence, from == 0 ? -1 : from, -1)) {
                throw new LlamaException("llama.cpp refused to remove positions " + from + ".. of sequence "
                        + slot.sequence);
            }
            slot.truncate(from, ledger);
        }
    }

    /**
     * Whether the request fits beside every sequence in flight grown to its largest size (cells are never shared in
     * this bound, so it cannot overcommit), after freeing the leftover cells of idle slots in id order if needed.
     */
    private boolean makeRoom(SequenceRequest request, int reused, SequenceSlot destination, SequenceSlot source) {
        long need = reservedPositions(request) - reused;
        for (SequenceSlot s : slots) {
            if (s.active != null) {
                int held = s.active.phase == ActiveSequence.Phase.WAITING_FOR_PREFIX ? s.active.prefixLength
                        : s.cachedCount();
                need += reservedPositions(s.active.request()) - held;
            }
        }
        if (ledger.used() + need <= ledger.capacity()) {
            return true;
        }
        for (SequenceSlot s : slots) {
            // A free slot is never a waiting request's source: those copy from free slots at once.
            if (s.isFree() && s != destination && s != source && s.cachedCount() > 0) {
                trim(s, 0);
                if (ledger.used() + need <= ledger.capacity()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The most positions a request can hold: its prompt and budget, within the window. */
    private long reservedPositions(SequenceRequest request) {
        return Math.min((long) request.promptTokens() + request.maxNewTokens(), window);
    }
}
