package xcot.runs.config;

import java.util.List;

/**
 * Every key a run config may have, with its default and meaning: the one source of {@code xcot run --help}'s key list
 * and the README's (a test keeps both, and the keys {@link ConfigFile} binds, equal to this list).
 */
public final class ConfigKeys {
    /** One key: its path ({@code models[].sampling.top-p}), its default as text, and what it does. */
    public record Key(String path, String defaultValue, String description) {}

    public static final List<Key> ALL = List.of(
            new Key("name", "the file name", "the run's name; the run folder is xcot-runs/<name>"),
            new Key("benchmark", "required", "medcalc | induction | toy, or the mapping form below"),
            new Key("benchmark.name", "required", "medcalc | induction | toy"),
            new Key("benchmark.subset", "paper (toy: held-out)", "medcalc: paper | all; induction: paper; "
                    + "toy: held-out | all"),
            new Key("benchmark.items", "all of the subset", "item ids to keep, e.g. [\"353\"] or [rhymes/4]"),
            new Key("benchmark.limit", "none", "keep the first N items"),
            new Key("benchmark.similarity", "minilm-bertscore", "how Instruction Induction answers are compared: "
                    + "minilm-bertscore (BERTScore on all-MiniLM-L6-v2) | token-f1"),
            new Key("models", "required", "the models, in order (the order of model pairs); names unique"),
            new Key("models[].name", "required", "the name in records and exports, e.g. Qwen/QwQ-32B"),
            new Key("models[].path", "one of path/fixture/zoo", "a GGUF file (relative to the config's folder)"),
            new Key("models[].fixture", "one of path/fixture/zoo", "a seeded random-weight Qwen3-shaped model"),
            new Key("models[].fixture.seed", "required", "its weights' seed"),
            new Key("models[].fixture.layers", "2", "its layer count"),
            new Key("models[].fixture.context-length", "the model's context", "its trained context length"),
            new Key("models[].zoo", "one of path/fixture/zoo", "a committed toy model: plain-a swap-b words-c mix-d "
                    + "weak-e"),
            new Key("models[].profile", "auto", "auto (detect from the GGUF) | qwq | dapo | deepseek-r1-distill | "
                    + "openthinker | gpt-oss | generic | toy"),
            new Key("models[].gpu-layers", "-1", "layers to offload: -1 all, 0 CPU only"),
            new Key("models[].context", "4096", "the context window"),
            new Key("models[].threads", "all cores", "CPU threads"),
            new Key("models[].sampling", "the profile's", "Sampled-condition overrides"),
            new Key("models[].sampling.temperature", "the profile's", "positive, finite"),
            new Key("models[].sampling.top-k", "the profile's", "-1 or 0 = off"),
            new Key("models[].sampling.top-p", "the profile's", "in (0, 1]"),
            new Key("models[].sampling.min-p", "0 (off)", "in [0, 1): keep the tokens at least this fraction as "
                    + "likely as the most likely one (applied after top-p)"),
            new Key("models[].grammar", "none", "a built-in grammar (random-weight demos): demo-medcalc-json, "
                    + "demo-toy"),
            new Key("models[].reasoning-effort", "low", "gpt-oss only: low | medium | high"),
            new Key("models[].batch", "min(context, 2048)", "llama.cpp's n_batch: most tokens one decode takes"),
            new Key("models[].ubatch", "min(batch, 512)", "llama.cpp's n_ubatch: the physical micro-batch"),
            new Key("models[].flash-attn", "true", "let llama.cpp use flash attention where the backend has it"),
            new Key("models[].kv-type", "f16", "KV-cache storage: f16 | q8_0 (half the memory; needs flash-attn)"),
            new Key("models[].parallel", "the most that fit, up to 16", "sequences decoded together in one batch "
                    + "(1 to 256, at most 'batch'); by default as many as the memory check finds room for (a KV window "
                    + "per sequence), at most 16; `xcot run --parallel N` overrides every model's"),
            new Key("models[].rpc", "none", "llama.cpp RPC servers [host:port, ...] to offload layers to (started "
                    + "with the rpc-server of xcot's build; needs gpu-layers other than 0)"),
            new Key("conditions", "[empty, default, sampled, transfer]", "also: ensemble, corrupted (toy)"),
            new Key("without-answer", "true", "also run each CoT condition without its answer sentences"),
            new Key("seeds", "[42]", "one Sampled run per seed (0 to 4294967295)"),
            new Key("budgets", "the benchmark's", "new-token budgets"),
            new Key("budgets.cot", "medcalc 4096, induction 2018, toy 40", "own CoT, pass 1"),
            new Key("budgets.answer", "medcalc 100, induction 30, toy 8", "the answer after a closed CoT (pass 2)"),
            new Key("budgets.inserted", "medcalc 4196, induction 30, toy 40", "the one pass after an inserted CoT "
                    + "(Empty, Transfer, Ensemble answers)"),
            new Key("flags", "{reference-compat: false}", "reference quirks: the umbrella reference-compat, or single "
                    + "ref.* flags (docs/reference-pipeline.md)"),
            new Key("harmony-date", "the run's start date", "gpt-oss 'Current date:'; the start date is kept in the "
                    + "run folder's run.json across resumes"),
            new Key("answer-removal", "{method: rules}", "how answers are removed for the without-answer conditions"),
            new Key("answer-removal.method", "rules", "rules | model (a local filter model) | http "
                    + "(OpenAI-compatible, from the environment)"),
            new Key("answer-removal.model", "required for model", "the filter model, keys as under models[]"),
            new Key("answer-removal.max-tokens", "2048", "new-token budget of one filter call"),
            new Key("answer-removal.timeout-seconds", "60", "http: the longest one request may take (1 to 3600); "
                    + "429, 5xx, timeouts and failed connections are retried, 4 tries in all"),
            new Key("ensemble", "none", "ensemble combinations for the ensemble condition"),
            new Key("ensemble[].generators", "required", "model names; the first decides when the CoT ends"),
            new Key("ensemble[].evaluators", "required", "model names whose perplexity picks each chunk"),
            new Key("ensemble[].items-at-once", "1", "items whose ensembles advance together, in groups fixed by the "
                    + "plan (each group is stored, and recomputed, whole); checked against the device's memory"),
            new Key("corrupted", "every corruption offered", "toy: wrong-first-carried, wrong-final-sum, "
                    + "forced-wrong-first"),
            new Key("summary-without", "none", "models a second summary leaves out (e.g. a negative control)"),
            new Key("cache", "$XCOT_GENERATION_CACHE, else $XCOT_CACHE, else ~/.cache/xcot", "the folder of the "
                    + "generation cache all runs share (store.sqlite; relative to the config's folder): a generation "
                    + "made once is reused by every run that needs it"),
            new Key("store", "the cache's store.sqlite", "a shared store postgresql://host[:port]/database for "
                    + "workers on several hosts (--worker); credentials from PGUSER/PGPASSWORD or ~/.pgpass only"));

    /** The README's markers around the generated table. */
    public static final String README_START = "<!-- config keys: generated from xcot.runs.config.ConfigKeys -->";
    public static final String README_END = "<!-- end of config keys -->";

    private ConfigKeys() {}

    /** The key list of {@code xcot run --help}: one line per key, its default, what it does. */
    public static String helpText() {
        int width = ALL.stream().mapToInt(k -> k.path().length()).max().orElse(0);
        StringBuilder out = new StringBuilder("Config keys (default in brackets):\n");
        for (Key k : ALL) {
            out.append(helpLine(k, width)).append('\n');
        }
        return out.toString();
    }

    static String helpLine(Key k, int width) {
        return "  " + k.path() + " ".repeat(width - k.path().length()) + "  [" + k.defaultValue() + "] "
                + k.description();
    }

    /** The README's table of keys (Markdown; the text between {@link #README_START} and {@link #README_END}). */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| key | default | what it does |\n|---|---|---|\n");
        for (Key k : ALL) {
            out.append("| `").append(k.path()).append("` | ").append(cell(k.defaultValue())).append(" | ")
                    .append(cell(k.description())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
