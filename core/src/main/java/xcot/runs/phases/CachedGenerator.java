package xcot.runs.phases;

import java.util.ArrayList;
import java.util.List;
import xcot.llm.ContextOverflowException;
import xcot.llm.Generation;
import xcot.llm.Generator;
import xcot.llm.Sampler;
import xcot.llm.SamplerStep;
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
 * The run's {@link TextGenerator} for one model: every generation is looked up in the store by
 * {@code sha256(model file) + prompt hash + parameters} first, and generated (then stored, in its own transaction)
 * only when missing. The model is loaded on the first miss.
 */
final class CachedGenerator implements TextGenerator {
    private final ModelHandle handle;
    private final RunStore store;
    private final Quirks flags;
    private final GenerationListener listener;

    CachedGenerator(ModelHandle handle, RunStore store, Quirks flags, GenerationListener listener) {
        this.handle = handle;
        this.store = store;
        this.flags = flags;
        this.listener = listener;
    }

    @Override
    public Generated generate(GenerationRequest request) {
        ResolvedModel m = handle.resolved();
        String params = params(request);
        String key = Hashing.of("generation-v1", m.sha256(), promptKey(request.prompt()), params);
        var stored = store.generation(key);
        if (stored.isPresent()) {
            Generated g = stored.get().generated();
            listener.generated(g.promptTokens(), g.tokenCount(), stored.get().decodeNanos(), true);
            return g;
        }
        int[] prompt = tokens(request.prompt());
        int budget = resolve(request.budget(), prompt.length);
        Generated result;
        long decodeNanos = 0;
        try (Sampler sampler = sampler(request)) {
            Generation g = new Generator(handle.context(), 0).generate(prompt, budget, sampler, null,
                    request.renderSpecial());
            decodeNanos = g.decodeNanos();
            result = new Generated(g.tokens(), g.text(), stopReason(g.stopReason()), prompt.length, budget);
        } catch (ContextOverflowException e) {
            result = new Generated(new int[0], "", StopReason.PROMPT_TOO_LONG, prompt.length, budget);
        }
        store.putGeneration(key, m.sha256(), params, result, decodeNanos);
        listener.generated(result.promptTokens(), result.tokenCount(), decodeNanos, false);
        return result;
    }

    /** Everything besides the model and the prompt that decides the output. */
    private String params(GenerationRequest r) {
        ResolvedModel m = handle.resolved();
        List<String> counted = new ArrayList<>();
        if (r.budget() instanceof Budget.PromptInclusive p) {
            p.alsoCount().forEach(t -> counted.add(Hashing.of(t)));
        }
        String grammar = m.grammar().map(g -> Hashing.of(g.forStage(r.stage()))).orElse("none");
        return "budget=" + r.budget().key() + counted + ";sampling=" + r.sampling().key() + ";grammar=" + grammar
                + ";special=" + r.renderSpecial() + ";doubleBos=" + flags.has(Quirk.DOUBLE_BOS) + ";"
                + m.config().runtimeKey();
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
                int[] appended = handle.vocab().tokenize(c.appended(), false, true);
                int[] all = new int[base.length + generated.length + appended.length];
                System.arraycopy(base, 0, all, 0, base.length);
                System.arraycopy(generated, 0, all, base.length, generated.length);
                System.arraycopy(appended, 0, all, base.length + generated.length, appended.length);
                yield all;
            }
        };
    }

    private int[] tokenize(String text) {
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

    private Sampler sampler(GenerationRequest r) {
        List<SamplerStep> steps = new ArrayList<>();
        handle.resolved().grammar().ifPresent(g -> steps.add(new SamplerStep.Grammar(g.forStage(r.stage()), "root")));
        steps.addAll(SamplerChain.of(r.sampling()));
        return Sampler.chain(steps, handle.vocab());
    }

    private static StopReason stopReason(Generation.StopReason reason) {
        return switch (reason) {
            case END_OF_GENERATION, STOP_SEQUENCE -> StopReason.END_OF_GENERATION;
            case TOKEN_LIMIT -> StopReason.TOKEN_LIMIT;
            case CONTEXT_FULL -> StopReason.CONTEXT_FULL;
        };
    }
}
