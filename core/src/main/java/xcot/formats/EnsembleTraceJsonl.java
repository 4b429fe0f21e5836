package xcot.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import xcot.methods.CandidateTrace;
import xcot.methods.EnsembleTrace;
import xcot.methods.IterationTrace;

/**
 * Writes an ensemble run as JSON lines: one line per iteration, then one summary line per item.
 *
 * <pre>
 * {"type":"iteration","item":ID,"iteration":0,"chosen":TEXT,"chosenGenerator":NAME,"score":PPL,
 *  "candidates":[{"text":TEXT,"generator":NAME,"sample":0,"perplexities":{EVAL:PPL|null},"score":PPL|null}],
 *  "failedEvaluators":[NAME],"rescored":0,"millis":12.5}
 * {"type":"item","item":ID,"iterations":N,"stopReason":"THINKING_CLOSED","chunks":{NAME:COUNT},
 *  "shares":{NAME:FRACTION},"ensembleChars":N,"seconds":S}
 * </pre>
 * Perplexities are {@code exp(mean NLL)}; a value that is not finite (a failed or empty score) is written as null.
 * The reference kept the same facts per item in {@code selected_distributions_row_{i}.json}
 * ({@code iteration, selected_candidate, selected_model_index, all_candidates, score}).
 */
public final class EnsembleTraceJsonl {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EnsembleTraceJsonl() {}

    /** Appends the iteration lines and the summary line of {@code trace} for item {@code item}. */
    public static void write(Writer out, String item, EnsembleTrace result) {
        try {
            for (String line : lines(item, result)) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the ensemble trace of item " + item, e);
        }
    }

    /** The iteration lines and the summary line of {@code trace}, without line breaks. */
    public static List<String> lines(String item, EnsembleTrace result) {
        List<String> lines = new java.util.ArrayList<>();
        try {
            for (IterationTrace t : result.iterations()) {
                lines.add(MAPPER.writeValueAsString(iterationLine(item, result, t)));
            }
            lines.add(MAPPER.writeValueAsString(itemLine(item, result)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an ensemble trace line cannot be written as JSON", e);
        }
        return lines;
    }

    static ObjectNode iterationLine(String item, EnsembleTrace result, IterationTrace t) {
        List<String> generators = result.generators();
        ObjectNode line = MAPPER.createObjectNode();
        line.put("type", "iteration");
        line.put("item", item);
        line.put("iteration", t.iteration());
        line.put("chosen", t.chosen());
        line.put("chosenGenerator", generators.get(t.chosenGenerator()));
        line.put("score", t.chosenScore());
        ArrayNode candidates = line.putArray("candidates");
        for (CandidateTrace c : t.candidates()) {
            ObjectNode node = candidates.addObject();
            node.put("text", c.text());
            node.put("generator", generators.get(c.generator()));
            node.put("sample", c.sample());
            ObjectNode perplexities = node.putObject("perplexities");
            for (int e = 0; e < result.evaluators().size(); e++) {
                perplexities.put(result.evaluators().get(e), c.perplexities().get(e));
            }
            node.put("score", c.score());
        }
        ArrayNode failed = line.putArray("failedEvaluators");
        t.failedEvaluators().forEach(failed::add);
        line.put("rescored", t.rescored());
        line.put("millis", t.millis());
        return line;
    }

    static ObjectNode itemLine(String item, EnsembleTrace result) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("type", "item");
        line.put("item", item);
        line.put("iterations", result.iterations().size());
        line.put("stopReason", result.stopReason());
        ObjectNode chunks = line.putObject("chunks");
        ObjectNode shares = line.putObject("shares");
        int[] counts = result.chunksPerGenerator();
        double[] fractions = result.generatorShares();
        for (int g = 0; g < counts.length; g++) {
            chunks.put(result.generators().get(g), counts[g]);
            shares.put(result.generators().get(g), fractions[g]);
        }
        line.put("ensembleChars", result.ensembleChars());
        line.put("seconds", result.seconds());
        return line;
    }
}
