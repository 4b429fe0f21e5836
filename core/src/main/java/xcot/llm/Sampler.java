package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import xcot.bindings.llama_sampler_chain_params;
import xcot.bindings.llama_token_data;
import xcot.bindings.llama_token_data_array;
import xcot.kernel.TopValues;

/**
 * An owned sampler chain ({@code llama_sampler_chain_init}; the chain owns the samplers added to it and frees them
 * with itself). Stateful: a seeded distribution advances its generator and a grammar its parse state; {@link #reset()}
 * returns to the start.
 *
 * <p>A chain of only {@link SamplerStep.Greedy} is never called: its token is the first maximum of the logits row,
 * found in place by {@link xcot.kernel.Argmax} (the same token llama.cpp's greedy sampler picks, without filling a
 * full-vocabulary candidate array each token). Other chains run in llama.cpp; {@link #sample(Logits, int)} fills the
 * candidate array itself from the in-place row, so samplers of different sequences may run on different threads at
 * once (each sampler on one thread at a time), which {@code llama_sampler_sample} does not allow: it synchronizes and
 * reorders the context's outputs.
 */
public final class Sampler extends NativeHandle {
    /** {@code llama_token_data} is {@code {int32 id; float logit; float p}}: 12 bytes. */
    private static final long CANDIDATE_BYTES = llama_token_data.sizeof();

    /**
     * Largest top-k whose candidates are found in Java: llama.cpp sorts up to 128 candidates with
     * {@code std::partial_sort} and more with a bucket sort; with distinct values both give the one descending order,
     * but only the first path is exercised by the tests.
     */
    private static final int MAX_TOP_K_IN_JAVA = 128;

    private final List<SamplerStep> steps;
    private final boolean greedyOnly;
    /** k of a top-k step that only positive temperatures precede; 0 when the chain does not start so. */
    private final int topKFirst;
    private final float[] temperaturesBeforeTopK;
    /** Tests compare both paths on one chain, and count how often the short one was taken. */
    boolean forceFullVocabulary;
    long rowsSampledFromTopK;
    /** Holds the candidate array of {@link #sample(Logits, int)}: shared, since any one thread may sample. */
    private final Arena arena = Arena.ofShared();
    private MemorySegment candidates;
    private MemorySegment candidateArray;

    private Sampler(MemorySegment chain, List<SamplerStep> steps) {
        super("sampler", chain);
        this.steps = List.copyOf(steps);
        this.greedyOnly = steps.equals(List.of(new SamplerStep.Greedy()));
        List<Float> temperatures = new ArrayList<>();
        int k = 0;
        for (SamplerStep step : steps) {
            if (step instanceof SamplerStep.Temperature(float t) && t > 0) {
                temperatures.add(t);
                continue;
            }
            if (step instanceof SamplerStep.TopK(int topK) && topK <= MAX_TOP_K_IN_JAVA) {
                k = Math.max(0, topK);
            }
            break;
        }
        this.topKFirst = k;
        this.temperaturesBeforeTopK = new float[temperatures.size()];
        for (int i = 0; i < temperatures.size(); i++) {
            temperaturesBeforeTopK[i] = temperatures.get(i);
        }
    }

    /** Builds a chain from {@code steps}; {@code vocab} is needed only for grammar steps. */
    public static Sampler chain(List<SamplerStep> steps, Vocab vocab) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a sampler chain needs at least one step");
        }
        SamplerStep last = steps.getLast();
        if (!(last instanceof SamplerStep.Greedy || last instanceof SamplerStep.Distribution)) {
            throw new IllegalArgumentException("the last sampler step must select a token (Greedy or Distribution), not " + last);
        }
        Backend.ensureInitialized();
        MemorySegment chain;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = llama_sampler_chain_default_params(arena);
            llama_sampler_chain_params.no_perf(params, true);
            chain = llama_sampler_chain_init(params);
        }
        Sampler sampler = new Sampler(chain, steps);
        try (Arena arena = Arena.ofConfined()) {
            for (SamplerStep step : steps) {
                MemorySegment stage = switch (step) {
                    case SamplerStep.Greedy g -> llama_sampler_init_greedy();
                    case SamplerStep.TopK k -> llama_sampler_init_top_k(k.k());
                    case SamplerStep.TopP p -> llama_sampler_init_top_p(p.p(), p.minKeep());
                    case SamplerStep.MinP p -> llama_sampler_init_min_p(p.p(), p.minKeep());
                    case SamplerStep.Temperature t -> llama_sampler_init_temp(t.t());
                    case SamplerStep.Distribution d -> llama_sampler_init_dist((int) d.seed());
                    case SamplerStep.Grammar g -> grammar(vocab, g, arena);
                };
                llama_sampler_chain_add(chain, stage);
            }
        } catch (RuntimeException e) {
            sampler.close();
            throw e;
        }
        return sampler;
    }

    public static Sampler greedy() {
        return chain(List.of(new SamplerStep.Greedy()), null);
    }

    private static MemorySegment grammar(Vocab vocab, SamplerStep.Grammar g, Arena arena) {
        if (vocab == null) {
            throw new IllegalArgumentException("a grammar step needs the model's vocabulary");
        }
        MemorySegment stage = llama_sampler_init_grammar(vocab.pointerForSampler(), arena.allocateFrom(g.gbnf()),
                arena.allocateFrom(g.root()));
        if (stage.equals(MemorySegment.NULL)) {
            throw new LlamaException("invalid GBNF grammar (root '" + g.root() + "'; see the llama.cpp log)");
        }
        return stage;
    }

    /**
     * Samples from the logits of batch index {@code batchIndex} of the context's last decode (-1 = the last output)
     * and accepts the token into the chain's state.
     */
    public int sample(Context context, int batchIndex) {
        context.checkOutputAt(batchIndex);
        if (greedyOnly) {
            Logits logits = context.logits();
            return logits.argmax(batchIndex == -1 ? logits.rows() - 1 : context.outputRowOf(batchIndex));
        }
        return llama_sampler_sample(pointer(), context.pointer(), batchIndex);
    }

    /**
     * Samples from explicit logits, token id = index, and accepts the token into the chain's state: what
     * {@link #sample(Context, int)} does with a decode's logits, for logits that did not come from a context (tests of
     * a chain's behaviour on a known distribution). Not for grammar chains, which need the vocabulary's tokens.
     */
    public int sample(float[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("no logits to sample from");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = llama_token_data.allocateArray(logits.length, arena);
            for (int id = 0; id < logits.length; id++) {
                MemorySegment token = llama_token_data.asSlice(data, id);
                llama_token_data.id(token, id);
                llama_token_data.logit(token, logits[id]);
                llama_token_data.p(token, 0f);
            }
            MemorySegment candidates = llama_token_data_array.allocate(arena);
            llama_token_data_array.data(candidates, data);
            llama_token_data_array.size(candidates, logits.length);
            llama_token_data_array.selected(candidates, -1);
            llama_token_data_array.sorted(candidates, false);
            llama_sampler_apply(pointer(), candidates);
            long selected = llama_token_data_array.selected(candidates);
            if (selected < 0 || selected >= llama_token_data_array.size(candidates)) {
                throw new LlamaException("the sampler chain selected no token (selected = " + selected + ")");
            }
            // A sampler may point the array at its own buffer (llama_sampler_sample reads it the same way).
            MemorySegment current = llama_token_data_array.data(candidates)
                    .reinterpret(llama_token_data.sizeof() * llama_token_data_array.size(candidates));
            int token = llama_token_data.id(llama_token_data.asSlice(current, selected));
            llama_sampler_accept(pointer(), token);
            return token;
        }
    }

    /**
     * Samples from output row {@code row} of {@code logits} and accepts the token: what {@code llama_sampler_sample}
     * does (candidates {@code {id, logit, 0}} in token order, the chain applied, the selected one accepted), reading
     * the row in place and touching no context state, so that several samplers may run at once on one decode's rows.
     *
     * <p>A chain that starts with a top-k step (after positive temperatures only) gets only the {@code k} candidates
     * that step would keep, found in Java ({@link TopValues}), instead of the whole vocabulary: the step then keeps
     * all of them, in the same order, and the rest of the chain sees what it sees on the full array, so the token is
     * the same. That holds when the {@code k + 1} largest values (as the step sees them, after the temperatures) are
     * all different; with a tie among them the order the step leaves them in depends on the array it sorted, so then
     * the whole vocabulary goes to llama.cpp as before.
     *
     * @throws LlamaException if the chain selected no candidate (llama.cpp would abort)
     */
    public int sample(Logits logits, int row) {
        if (greedyOnly) {
            return logits.argmax(row);
        }
        MemorySegment source = logits.row(row);
        int vocabSize = logits.vocabSize();
        if (topKFirst > 0 && topKFirst < vocabSize && !forceFullVocabulary) {
            TopValues.Top top = TopValues.largest(source, 0, vocabSize, topKFirst + 1);
            if (top != null && TopValues.distinct(temperaturesBeforeTopK(top.values()))) {
                MemorySegment data = candidates(topKFirst);
                for (int i = 0; i < topKFirst; i++) {
                    setCandidate(data, i, top.indices()[i], top.values()[i]);
                }
                rowsSampledFromTopK++;
                return applyAndAccept(data, topKFirst);
            }
        }
        MemorySegment data = candidates(vocabSize);
        for (int token = 0; token < vocabSize; token++) {
            setCandidate(data, token, token, source.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, token));
        }
        return applyAndAccept(data, vocabSize);
    }

    private static void setCandidate(MemorySegment data, long index, int token, float logit) {
        long at = index * CANDIDATE_BYTES;
        data.set(ValueLayout.JAVA_INT_UNALIGNED, at, token);
        data.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at + Integer.BYTES, logit);
        data.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at + Integer.BYTES + Float.BYTES, 0f);
    }

    /** The values as the top-k step sees them: divided by each temperature before it, in order, as llama.cpp does. */
    private float[] temperaturesBeforeTopK(float[] raw) {
        float[] values = raw.clone();
        for (float t : temperaturesBeforeTopK) {
            for (int i = 0; i < values.length; i++) {
                values[i] /= t;
            }
        }
        return values;
    }

    private int applyAndAccept(MemorySegment data, int size) {
        llama_token_data_array.data(candidateArray, data);
        llama_token_data_array.size(candidateArray, size);
        llama_token_data_array.selected(candidateArray, -1);
        llama_token_data_array.sorted(candidateArray, false);
        llama_sampler_apply(pointer(), candidateArray);
        long selected = llama_token_data_array.selected(candidateArray);
        long kept = llama_token_data_array.size(candidateArray);
        if (selected < 0 || selected >= kept) {
            throw new LlamaException("the sampler chain " + steps + " selected candidate " + selected + " of " + kept);
        }
        MemorySegment chosen = llama_token_data_array.data(candidateArray).reinterpret(kept * CANDIDATE_BYTES);
        int token = chosen.get(ValueLayout.JAVA_INT_UNALIGNED, selected * CANDIDATE_BYTES);
        llama_sampler_accept(pointer(), token);
        return token;
    }

    /** Whether this chain is plain greedy decoding (sampled in Java, stateless). */
    public boolean isGreedy() {
        return greedyOnly;
    }

    private MemorySegment candidates(int vocabSize) {
        pointer();
        if (candidates == null || candidates.byteSize() < vocabSize * CANDIDATE_BYTES) {
            candidates = arena.allocate(vocabSize * CANDIDATE_BYTES, 8);
            candidateArray = llama_token_data_array.allocate(arena);
        }
        return candidates;
    }

    /** Feeds a token chosen elsewhere into the chain's state (grammar, penalties). */
    public void accept(int token) {
        llama_sampler_accept(pointer(), token);
    }

    /** Back to the initial state, seed included. */
    public void reset() {
        llama_sampler_reset(pointer());
    }

    public List<SamplerStep> steps() {
        return steps;
    }

    @Override
    void free(MemorySegment pointer) {
        llama_sampler_free(pointer);
        arena.close();
    }
}
