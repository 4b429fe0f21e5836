package xcot.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xcot.reports.input.ReportInputException;

/**
 * Reads a run's {@code ensemble-traces.jsonl} ({@code {"combination", "item", "event"}} per line, the event as
 * {@link xcot.formats.EnsembleTraceJsonl} writes it) into one {@link EnsembleStats} per combination.
 */
public final class EnsembleTraces {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnsembleTraces() {}

    public static List<EnsembleStats> read(Path file) {
        Map<String, Accumulator> byCombination = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportInputException(file + ": " + xcot.io.InputFiles.reason(e));
        }
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = JSON.readTree(lines.get(n));
            } catch (IOException e) {
                throw new ReportInputException(file + ":" + (n + 1) + ": not JSON (a trace cut short? rerun xcot run)");
            }
            JsonNode event = line.path("event");
            Accumulator acc = byCombination.computeIfAbsent(line.path("combination").asText(), Accumulator::new);
            switch (event.path("type").asText()) {
                case "iteration" -> acc.iteration(event.path("iteration").asInt(), event.path("score"));
                case "item" -> acc.item(event.path("chunks"));
                default -> throw new ReportInputException(file + ":" + (n + 1) + ": unknown trace event type '"
                        + event.path("type").asText() + "'");
            }
        }
        return byCombination.values().stream().map(Accumulator::stats).toList();
    }

    private static final class Accumulator {
        final String combination;
        final Map<String, Long> chunks = new LinkedHashMap<>();
        final TreeMap<Integer, double[]> scoreSumAndCount = new TreeMap<>();
        int items;

        Accumulator(String combination) {
            this.combination = combination;
        }

        void iteration(int iteration, JsonNode score) {
            if (score.isNumber() && Double.isFinite(score.asDouble())) {
                double[] sc = scoreSumAndCount.computeIfAbsent(iteration, k -> new double[2]);
                sc[0] += score.asDouble();
                sc[1]++;
            }
        }

        void item(JsonNode itemChunks) {
            items++;
            itemChunks.properties().forEach(e -> chunks.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }

        EnsembleStats stats() {
            List<EnsembleStats.IterationPoint> points = new ArrayList<>();
            scoreSumAndCount.forEach((iteration, sc) ->
                    points.add(new EnsembleStats.IterationPoint(iteration, sc[0] / sc[1], (int) sc[1])));
            return new EnsembleStats(combination, items, chunks, points);
        }
    }
}
