package xcot.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import xcot.methods.Attempt;
import xcot.methods.Pass;
import xcot.methods.StopReason;
import xcot.records.Outcome;
import xcot.records.ScoredAnswer;
import xcot.runs.store.StoreException;

/**
 * A finished, scored attempt as the store keeps it (one JSON document per attempt).
 *
 * @param seed        the sampling seed, for sampled conditions
 * @param explanation MedCalc's {@code LLM Explanation} field, when the benchmark has one
 */
public record AttemptRecord(ScoredAnswer answer, OptionalLong seed, Attempt attempt, Optional<String> explanation) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public AttemptRecord {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(explanation, "explanation");
    }

    String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("benchmark", answer.benchmark());
        o.put("item", answer.itemId());
        o.put("condition", answer.condition());
        o.put("model", answer.model());
        answer.sourceModel().ifPresentOrElse(s -> o.put("source", s), () -> o.putNull("source"));
        o.put("answer", answer.answer());
        ObjectNode outcome = o.putObject("outcome");
        switch (answer.outcome()) {
            case Outcome.Correct c -> outcome.put("kind", "correct");
            case Outcome.Incorrect i -> outcome.put("kind", "incorrect");
            case Outcome.Graded g -> outcome.put("kind", "graded").put("score", g.score());
            case Outcome.Failed f -> outcome.put("kind", "failed").put("reason", f.reason());
        }
        if (seed.isPresent()) {
            o.put("seed", seed.getAsLong());
        }
        explanation.ifPresent(e -> o.put("explanation", e));
        o.put("promptText", attempt.promptText());
        o.put("continuation", attempt.continuation());
        attempt.insertedCot().ifPresentOrElse(c -> o.put("insertedCot", c), () -> o.putNull("insertedCot"));
        o.put("thinking", attempt.thinking());
        ArrayNode passes = o.putArray("passes");
        for (Pass p : attempt.passes()) {
            passes.addObject().put("promptTokens", p.promptTokens()).put("generatedTokens", p.generatedTokens())
                    .put("budgetTokens", p.budgetTokens()).put("stop", p.stopReason().name());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static AttemptRecord fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            JsonNode outcomeNode = o.get("outcome");
            Outcome outcome = switch (outcomeNode.get("kind").textValue()) {
                case "correct" -> new Outcome.Correct();
                case "incorrect" -> new Outcome.Incorrect();
                case "graded" -> new Outcome.Graded(outcomeNode.get("score").doubleValue());
                case "failed" -> new Outcome.Failed(outcomeNode.get("reason").textValue());
                default -> throw new IllegalStateException("unknown outcome " + outcomeNode);
            };
            ScoredAnswer answer = new ScoredAnswer(o.get("benchmark").textValue(), o.get("item").textValue(),
                    o.get("condition").textValue(), o.get("model").textValue(),
                    o.get("source").isNull() ? Optional.empty() : Optional.of(o.get("source").textValue()),
                    o.get("answer").textValue(), outcome);
            List<Pass> passes = new ArrayList<>();
            for (JsonNode p : o.get("passes")) {
                passes.add(new Pass(p.get("promptTokens").intValue(), p.get("generatedTokens").intValue(),
                        p.get("budgetTokens").intValue(), StopReason.valueOf(p.get("stop").textValue())));
            }
            Attempt attempt = new Attempt(o.get("promptText").textValue(), o.get("continuation").textValue(),
                    o.get("insertedCot").isNull() ? Optional.empty() : Optional.of(o.get("insertedCot").textValue()),
                    o.get("thinking").textValue(), passes);
            OptionalLong seed = o.has("seed") ? OptionalLong.of(o.get("seed").longValue()) : OptionalLong.empty();
            Optional<String> explanation = o.has("explanation") ? Optional.of(o.get("explanation").textValue())
                    : Optional.empty();
            return new AttemptRecord(answer, seed, attempt, explanation);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StoreException("a stored attempt cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
