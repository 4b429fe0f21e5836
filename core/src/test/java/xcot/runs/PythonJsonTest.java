package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xcot.formats.PythonJson;

/** Expected strings are what CPython 3's {@code json.dumps} prints for the same objects (checked by hand). */
class PythonJsonTest {
    @Test
    void separatorsAndTypes() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Row Number", 353);
        o.put("Calculator ID", "25");
        o.put("Thought Type", null);
        assertEquals("{\"Row Number\": 353, \"Calculator ID\": \"25\", \"Thought Type\": null}", PythonJson.object(o));
    }

    @Test
    void ensureAsciiEscapes() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("k", "a\"b\\c\nd\te\u0001 é – 😀 \u007f ~");
        // json.dumps({"k": "a\"b\\c\nd\te\x01 é – 😀 \x7f ~"})
        assertEquals("{\"k\": \"a\\\"b\\\\c\\nd\\te\\u0001 \\u00e9 \\u2013 \\ud83d\\ude00 \\u007f ~\"}",
                PythonJson.object(o));
    }
}
