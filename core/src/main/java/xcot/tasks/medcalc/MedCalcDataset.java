package xcot.tasks.medcalc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.io.ReadResult;
import xcot.io.Utf8Lines;

/**
 * The MedCalc-Bench v1.0 test set shipped in the jar ({@code xcot/data/medcalc-bench/}), and the paper's 100-row
 * subset. {@code paper_subset_100_row_numbers.json} is the one place that lists the subset; nothing else in xcot
 * repeats those numbers.
 */
public final class MedCalcDataset {
    static final String TEST_CSV = "/xcot/data/medcalc-bench/test_data.csv.gz";
    static final String PAPER_SUBSET = "/xcot/data/medcalc-bench/paper_subset_100_row_numbers.json";

    private final Map<Integer, MedCalcRow> byRowNumber = new LinkedHashMap<>();

    private MedCalcDataset(List<MedCalcRow> rows) {
        for (MedCalcRow row : rows) {
            byRowNumber.put(row.rowNumber(), row);
        }
    }

    /** The shipped test set; any bad row in it is an error. */
    public static MedCalcDataset load() {
        return new MedCalcDataset(MedCalcCsv.parse(Utf8Lines.readResource(TEST_CSV), "test_data.csv").orThrow());
    }

    /** Reads another copy of the test CSV ({@code .csv} or {@code .csv.gz}), keeping every good row. */
    public static ReadResult<MedCalcRow> read(Path csv) {
        return MedCalcCsv.parse(Utf8Lines.readBytes(csv), csv.getFileName().toString());
    }

    /** A dataset over rows already read, e.g. from {@link #read}. */
    public static MedCalcDataset of(List<MedCalcRow> rows) {
        return new MedCalcDataset(rows);
    }

    public List<MedCalcRow> rows() {
        return List.copyOf(byRowNumber.values());
    }

    public Optional<MedCalcRow> row(int rowNumber) {
        return Optional.ofNullable(byRowNumber.get(rowNumber));
    }

    /** The paper's 100 items in the order the authors ran them. */
    public List<MedCalcRow> paperSubset() {
        List<MedCalcRow> rows = new ArrayList<>();
        for (int rowNumber : paperRowNumbers()) {
            rows.add(row(rowNumber).orElseThrow(
                    () -> new IllegalStateException("paper row " + rowNumber + " is not in the test set")));
        }
        return rows;
    }

    /** Row Numbers of {@code df.sample(n=100, random_state=42)}, in sampling order. */
    public static List<Integer> paperRowNumbers() {
        try {
            JsonNode root = new ObjectMapper().readTree(Utf8Lines.readResource(PAPER_SUBSET));
            List<Integer> numbers = new ArrayList<>();
            root.get("row_numbers_in_sample_order").forEach(n -> numbers.add(n.intValue()));
            return List.copyOf(numbers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
