package xcot.llm;

import java.util.List;

/**
 * Ends a generation when the text generated so far calls for it. Called after every token with the whole text so far
 * (a growing buffer, never copied) and where this token's text begins, so a check can look at the new tail only: the
 * cost per token stays constant however long the generation gets.
 */
@FunctionalInterface
public interface StopCondition {
    /**
     * @param text everything generated so far (valid only during the call)
     * @param appendedFrom the index in {@code text} where the latest token's text begins
     * @return true to stop after this token
     */
    boolean shouldStop(CharSequence text, int appendedFrom);

    /** Never stops: only the budget, the window and end-of-generation tokens end the generation. */
    static StopCondition never() {
        return (text, appendedFrom) -> false;
    }

    /**
     * Stops once any of {@code stops} occurs in the text. Only the window where a match can newly end is searched:
     * from {@code longest - 1} characters before the latest token's text to the end.
     */
    static StopCondition onAnyOf(List<String> stops) {
        List<String> copy = List.copyOf(stops);
        if (copy.isEmpty() || copy.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("stop strings must be non-empty, and at least one: " + stops);
        }
        int longest = copy.stream().mapToInt(String::length).max().orElseThrow();
        return (text, appendedFrom) -> {
            int from = Math.max(0, appendedFrom - (longest - 1));
            String tail = text.subSequence(from, text.length()).toString();
            for (String stop : copy) {
                if (tail.contains(stop)) {
                    return true;
                }
            }
            return false;
        };
    }
}
