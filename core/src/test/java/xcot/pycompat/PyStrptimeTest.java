package xcot.pycompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyStrptimeTest {
    @Test
    void matchesCPythonStrptime() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (String[] row : Golden.rows("strptime.tsv")) {
            String expected = row[1].equals("VALUE") ? "VALUE " + row[2] : "ERROR " + row[2] + ": " + row[3];
            String actual;
            try {
                LocalDate date = PyStrptime.monthDayYear(row[0]);
                actual = "VALUE " + date.getYear() + " " + date.getMonthValue() + " " + date.getDayOfMonth();
            } catch (PyError e) {
                actual = "ERROR " + e.pythonType() + ": " + e.getMessage();
            }
            if (!expected.equals(actual)) {
                mismatches.add("'" + row[0] + "': python " + expected + ", xcot " + actual);
            }
        }
        assertEquals(List.of(), mismatches);
    }
}
