package xcot.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import xcot.gguf.GgufValue;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.methods.GenerationSetup;
import xcot.profiles.ModelFamily;
import xcot.profiles.ModelProfile;
import xcot.profiles.ReasoningEffort;
import xcot.runs.config.ConfigException;
import xcot.runs.plan.CotRef;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.Unit;
import xcot.tasks.Budgets;
import xcot.tasks.BenchmarkItem;

/**
 * Checks, before anything runs, that every model's context holds what each of its generations may need at the
 * budgets, for the longest selected prompt (tokenized with a vocabulary-only load, no weights):
 * <ul>
 *   <li>own CoT (Default, Sampled, a transfer's source CoT, an ensemble participant): prompt + CoT budget + the
 *       closing and answer-forcing text + answer budget;</li>
 *   <li>Empty: the prompt with an empty thinking block + inserted budget;</li>
 *   <li>an inserted CoT (Transfer, the without-answer conditions, Ensemble, corrupted CoTs): the prompt + the CoT,
 *       which may be as long as its source's CoT budget + inserted budget.</li>
 * </ul>
 * A context short of any of these would cut generations at the window ({@code CONTEXT_FULL}) and bias the results,
 * so it is one error that names each model, the conditions that do not fit and what they need.
 */
final class ContextCheck {
    private ContextCheck() {}

    /** One kind of generation a model makes, and the conditions that make it. */
    private enum Need {
        OWN_COT("own CoT"), EMPTY("empty"), INSERTED("inserted CoT");

        final String label;

        Need(String label) {
            this.label = label;
        }
    }

    /** The longest prompts of one model over the selected items, in tokens. */
    record Prompts(int own, String ownItem, int inserted, int closing) {}

    /**
     * What decides a model's prompt lengths: its tokenizer, its prompt format and its reasoning effort. Models that
     * share them (e.g. several fine-tunes of one base, or random-weight fixtures) are tokenized once.
     */
    private record PromptKey(Map<String, GgufValue> tokenizer, ModelFamily family, Optional<String> chatTemplate,
                             ReasoningEffort effort) {
        static PromptKey of(ResolvedModel m) {
            Map<String, GgufValue> tokenizer = new TreeMap<>();
            m.gguf().metadata().entries().forEach((k, v) -> {
                if (k.startsWith("tokenizer.")) {
                    tokenizer.put(k, v);
                }
            });
            return new PromptKey(tokenizer, m.profile().family(), m.profile().chatTemplate(),
                    m.config().reasoningEffort());
        }
    }

    static void check(RunPlan plan) {
        List<String> problems = new ArrayList<>();
        int firstLine = 0;
        Map<PromptKey, Prompts> measured = new HashMap<>();
        for (ResolvedModel m : plan.models()) {
            Map<Need, Set<String>> needs = needs(plan, m);
            if (needs.isEmpty()) {
                continue;
            }
            Prompts p = measured.computeIfAbsent(PromptKey.of(m), k -> prompts(plan, m));
            Budgets b = plan.budgets();
            int context = m.config().contextTokens();
            if (p.own() + b.answerTokens() > context) {
                int needed = p.own() + b.answerTokens();
                throw new ConfigException(plan.config().source(), m.config().line(), "model '" + m.name()
                        + "': context " + context + " is too small: the longest " + plan.benchmark().name()
                        + " prompt (item " + p.ownItem() + ") is " + p.own() + " tokens, plus " + b.answerTokens()
                        + " answer tokens; raise 'context' to at least " + needed);
            }
            List<String> short_ = new ArrayList<>();
            int most = 0;
            for (var e : needs.entrySet()) {
                int need = switch (e.getKey()) {
                    case OWN_COT -> p.own() + b.cotTokens() + p.closing() + b.answerTokens();
                    case EMPTY -> p.inserted() + b.insertedTokens();
                    case INSERTED -> p.inserted() + b.cotTokens() + b.insertedTokens();
                };
                if (need > context) {
                    most = Math.max(most, need);
                    short_.add(String.join(", ", e.getValue()) + " need " + tokens(need) + " (" + parts(e.getKey(), p, b)
                            + ")");
                }
            }
            if (!short_.isEmpty()) {
                firstLine = firstLine == 0 ? m.config().line() : firstLine;
                problems.add("model '" + m.name() + "' (context " + tokens(context) + "): " + String.join("; ", short_)
                        + ": raise its 'context' to " + tokens(most));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(plan.config().source(), firstLine, "contexts too small for the budgets (long "
                    + "generations would stop at the window): " + String.join(" | ", problems) + ", or lower 'budgets'");
        }
    }

    private static String parts(Need need, Prompts p, Budgets b) {
        return switch (need) {
            case OWN_COT -> "prompt " + tokens(p.own()) + " + CoT " + tokens(b.cotTokens()) + " + closing "
                    + p.closing() + " + answer " + tokens(b.answerTokens());
            case EMPTY -> "prompt " + tokens(p.inserted()) + " + inserted " + tokens(b.insertedTokens());
            case INSERTED -> "prompt " + tokens(p.inserted()) + " + inserted CoT up to " + tokens(b.cotTokens())
                    + " + inserted " + tokens(b.insertedTokens());
        };
    }

    private static String tokens(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The generations model {@code m} makes in the plan, each with the conditions (record labels) that make it. */
    private static Map<Need, Set<String>> needs(RunPlan plan, ResolvedModel m) {
        Map<Need, Set<String>> needs = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            if (!step.models().contains(m.name())) {
                continue;
            }
            for (Unit u : step.units()) {
                switch (u) {
                    case Unit.Attempt a when a.key().model().equals(m.name()) -> {
                        Need need = a.cot().isEmpty() || a.open() ? Need.OWN_COT
                                : a.cot().get() instanceof CotRef.Empty ? Need.EMPTY : Need.INSERTED;
                        String label = a.key().condition().condition() == xcot.methods.Condition.CORRUPTED
                                ? "corrupted" : a.key().condition().condition().label();
                        needs.computeIfAbsent(need, k -> new LinkedHashSet<>()).add(label);
                    }
                    case Unit.Ensemble e -> needs.computeIfAbsent(Need.OWN_COT, k -> new LinkedHashSet<>())
                            .add("ensemble (participant)");
                    default -> { }
                }
            }
        }
        return needs;
    }

    private static Prompts prompts(RunPlan plan, ResolvedModel m) {
        int own = 0;
        String ownItem = "";
        int inserted = 0;
        int closing;
        GenerationSetup setup = plan.setup(m, xcot.methods.Condition.DEFAULT);
        try (Model vocabOnly = Model.load(m.path(), ModelOptions.vocabularyOnly())) {
            int bos = vocabOnly.vocab().bos();
            Optional<String> bosText = bos >= 0 ? Optional.of(vocabOnly.vocab().text(bos)) : Optional.empty();
            for (BenchmarkItem item : plan.benchmark().items()) {
                String rendered = m.profile().render(item.prompt(), plan.render(m));
                int n = count(vocabOnly, plan, bosText, rendered + m.profile().ownCotOpening(rendered));
                if (n > own) {
                    own = n;
                    ownItem = item.id();
                }
                inserted = Math.max(inserted, count(vocabOnly, plan, bosText, rendered + m.profile().insertion(rendered,
                        "", setup.kind(), plan.config().flags()) + setup.kind().answerSuffix()));
            }
            String closingText = setup.format().closing() + setup.kind().answerSuffix();
            closing = closingText.isEmpty() ? 0 : vocabOnly.vocab().tokenize(closingText, false, true).length;
        }
        return new Prompts(own, ownItem, inserted, closing);
    }

    private static int count(Model vocabOnly, RunPlan plan, Optional<String> bosText, String text) {
        return vocabOnly.vocab().tokenize(text, ModelProfile.addSpecialTokens(text, bosText, plan.config().flags()), true)
                .length;
    }
}
