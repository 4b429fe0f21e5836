package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SentenceCutTest {
    /**
     * 3,040 inputs with CPython 3.11's output of the reference function as docs/reference-pipeline.md §9 states it,
     * written by {@code make_truncation_cases.py} beside the file (fixed edge cases plus seeded random texts).
     */
    @Test
    void referenceRuleMatchesCPythonOnEveryRecordedCase() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = getClass().getResourceAsStream("truncation-cases.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode c = json.readTree(line);
                String actual = SentenceCut.truncate(c.get("input").asText());
                if (!actual.equals(c.get("expected").asText())) {
                    mismatches.add(line + " -> " + json.writeValueAsString(actual));
                }
                count++;
            }
        }
        assertEquals(3040, count);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void referenceRuleExamplesFromTheSpec() {
        assertEquals("Heart rate is elevated.", SentenceCut.truncate("Heart rate is elevated. The heartbe"));
        assertEquals("Heart rate is high. The", SentenceCut.truncate("Heart rate is high. The"), "so is a 4-letter one");
        assertEquals("We note it. Then", SentenceCut.truncate("We note it. Then"), "a 2-letter word is an abbreviation");
        assertEquals("Compute the score e.g. Then", SentenceCut.truncate("Compute the score e.g. Then"));
        assertEquals("x is 12. So", SentenceCut.truncate("x is 12. So"), "a period after a digit is no boundary");
        assertEquals("no boundary at all", SentenceCut.truncate("  no boundary at all \n"));
    }

    @Test
    void abbreviationListAllowsShortWordsAndDigitsButNotListedAbbreviations() {
        SentenceRule list = SentenceRule.ABBREVIATION_LIST;
        assertEquals("We note it.", SentenceCut.truncate("We note it. Then", list));
        assertEquals("x is 12.", SentenceCut.truncate("x is 12. So", list));
        assertEquals("Use a drug e.g. Then", SentenceCut.truncate("Use a drug e.g. Then", list));
        assertEquals("Born in the U.S. Then", SentenceCut.truncate("Born in the U.S. Then", list));
        assertEquals("See (cf. Then", SentenceCut.truncate("See (cf. Then", list));
    }

    @Property
    void resultIsAStrippedPrefixOfTheStrippedInput(@ForAll String text) {
        for (SentenceRule rule : SentenceRule.values()) {
            String stripped = xcot.pycompat.PyStrings.strip(text);
            String cut = SentenceCut.truncate(text, rule);
            assertTrue(stripped.startsWith(cut), rule + ": " + cut);
            assertEquals(xcot.pycompat.PyStrings.strip(cut), cut);
            assertEquals(cut, SentenceCut.truncate(cut, rule), "cutting twice changes nothing");
        }
    }
}
