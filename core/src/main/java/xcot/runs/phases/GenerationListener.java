package xcot.runs.phases;

/** Told about every generation, fresh or recalled from the store (progress and tokens/s). */
public interface GenerationListener {
    void generated(int promptTokens, int newTokens, long decodeNanos, boolean fromStore);

    GenerationListener NONE = (p, n, d, s) -> { };
}
