package xcot.runs.phases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.llm.ContextOverflowException;
import xcot.llm.Generation;
import xcot.llm.GenerationClient;
import xcot.llm.SamplerStep;
import xcot.llm.SequenceRequest;
import xcot.llm.StopCondition;
import xcot.methods.Budget;
import xcot.methods.Generated;
import xcot.methods.GenerationRequest;
import xcot.methods.PromptInput;
import xcot.methods.SamplerChain;
import xcot.methods.StopReason;
import xcot.methods.TextGenerator;
import xcot.profiles.ModelProfile;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.store.Hashing;
import xcot.runs.store.RunStore;

/**
 * The run's {@link TextGenerator} for one unit of a batched step: every generation is looked up in the store by
 * {@code sha256(model file) + prompt hash + parameters} first (when the step's {@link Batching} is batch-invariant;
 * otherwise a unit's generations depend on its group and are never recalled alone), and otherwise becomes one
 * {@link SequenceRequest} on the unit's {@link GenerationClient}, decoded with the other units' requests, then stored
 * in its own transaction. Runs on the unit's script thread, holding the session's lock (see {@link BatchSession}).
 */
final class CachedGenerator implements TextGenerator {
    private final BatchSession session;
    private final GenerationClient client;
    private final RunStore store;
    private final Quirks flags;
    private final GenerationListener listener;
    private final Optional<String> batchKey;

    /** @param batchKey what the unit's batch adds to the keys ({@link Batching#key}) */
    CachedGenerator(BatchSession session, GenerationClient client, RunStore store, Quirks flags,
                    GenerationListener listener, Optional<String> batchKey) {
        this.session = session;
        this.client = client;
        this.store = store;
        this.flags = flags;
        this.listener = listener;
        this.batchKey = batchKey;
    }

    @Override
    public Generated generate(GenerationRequest request) {
        ModelHandle handle = session.handle();
        ResolvedModel m = handle.resolved();
        String params = params(request);
        String key = Hashing.of("generation-v1", m.sha256(), promptKey(request.prompt()), params);
        if (batchKey.isEmpty()) {
            var stored = store.generation(key);
            if (stored.isPresent()) {
                Generated g = stored.get().generated();
                listener.generated(g.promptTokens(), g.tokenCount(), stored.get().decodeNanos(), true);
                return g;
            }
        }
        int[] prompt = tokens(request.prompt());
        int budget = resolve(request.budget(), prompt.length);
        int window = session.batching().windowTokens();
        Generated result;
        long decodeNanos = 0;
        if (prompt.length > window) {
            result = new Generated(new int[0], "", StopReason.PROMPT_TOO_LONG, prompt.length, budget);
        } else {
            // The window is the one a single-sequence context has, whatever the batch's context holds.
            int newTokens = Math.min(budget, window - prompt.length);
            SequenceRequest r = new SequenceRequest(prompt, newTokens, sampling(request), StopCondition.never(),
                    request.renderSpecial(), true);
            try {
                Generation g = session.generate(client, r);
                decodeNanos = g.decodeNanos();
                result = new Generated(g.tokens(), g.text(), stopReason(g, window), prompt.length, budget);
            } catch (ContextOverflowException e) {
                result = new Generated(new int[0], "", StopReason.PROMPT_TOO_LONG, prompt.length, budget);
            }
        }
        store.putGeneration(key, m.sha256(), params, result, decodeNanos);
        listener.generated(result.promptTokens(), result.tokenCount(), decodeNanos, false);
        return result;
    }

    /** Everything besides the model and the prompt that decides the output. */
    private String params(GenerationRequest r) {
        ResolvedModel m = session.handle().resolved();
        List<String> counted = new ArrayList<>();
        if (r.budget() instanceof Budget.PromptInclusive p) {
            p.alsoCount().forEach(t -> counted.add(Hashing.of(t)));
        }
        String grammar = m.grammar().map(g -> Hashing.of(g.forStage(r.stage()))).orElse("none");
        return "budget=" + r.budget().key() + counted + ";sampling=" + r.sampling().key() + ";grammar=" + grammar
                + ";special=" + r.renderSpecial() + ";doubleBos=" + flags.has(Quirk.DOUBLE_BOS) + ";"
                + m.config().runtimeKey() + batchKey.map(k -> ";" + k).orElse("")
                + session.batching().samplingKey(r.sampling()).map(k -> ";" + k).orElse("");
    }

    private static String promptKey(PromptInput input) {
        return switch (input) {
            case PromptInput.Text t -> "text:" + Hashing.of(t.text());
            case PromptInput.Continuation c -> "continue:" + Hashing.of(promptKey(c.base()),
                    Hashing.ofTokens(c.generated()), c.appended());
        };
    }

    private int[] tokens(PromptInput input) {
        return switch (input) {
            case PromptInput.Text t -> tokenize(t.text());
            case PromptInput.Continuation c -> {
                int[] base = tokens(c.base());
                int[] generated = c.generated();
                int[] appended = session.handle().vocab().tokenize(c.appended(), false, true);
                int[] all = new int[base.length + generated.length + appended.length];
                System.arraycopy(base, 0, all, 0, base.length);
                System.arraycopy(generated, 0, all, base.length, generated.length);
                System.arraycopy(appended, 0, all, base.length + generated.length, appended.length);
                yield all;
            }
        };
    }

    private int[] tokenize(String text) {
        ModelHandle handle = session.handle();
        return handle.vocab().tokenize(text, ModelProfile.addSpecialTokens(text, handle.bosText(), flags), true);
    }

    private int resolve(Budget budget, int promptTokens) {
        return switch (budget) {
            case Budget.Fixed f -> f.tokens();
            case Budget.PromptInclusive p -> {
                long total = (long) promptTokens + p.constantTokens();
                for (String text : p.alsoCount()) {
                    total += tokenize(text).length;
                }
                yield (int) Math.min(Budget.REFERENCE_CAP_TOKENS, total);
            }
        };
    }

    private List<SamplerStep> sampling(GenerationRequest r) {
        List<SamplerStep> steps = new ArrayList<>();
        session.handle().resolved().grammar()
                .ifPresent(g -> steps.add(new SamplerStep.Grammar(g.forStage(r.stage()), "root")));
        steps.addAll(SamplerChain.of(r.sampling()));
        return steps;
    }

    /**
     * The stop reason as a one-sequence {@link xcot.llm.Generator} gives it: a generation that reached the end of
     * its window is {@code CONTEXT_FULL} (the request's budget was cut to the window, so the engine saw a budget).
     */
    private static StopReason stopReason(Generation g, int window) {
        return switch (g.stopReason()) {
            case END_OF_GENERATION, STOP_SEQUENCE -> StopReason.END_OF_GENERATION;
            case TOKEN_LIMIT -> g.promptTokens() + g.tokens().length >= window ? StopReason.CONTEXT_FULL
                    : StopReason.TOKEN_LIMIT;
            case CONTEXT_FULL -> StopReason.CONTEXT_FULL;
        };
    }
}
