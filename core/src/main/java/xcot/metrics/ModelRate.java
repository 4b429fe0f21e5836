package xcot.metrics;

/** A per-model rate (accuracy, or agreement with a source or with another run) over {@code counted} items. */
public record ModelRate(String model, double rate, int counted) {}
