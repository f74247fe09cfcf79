package io.happysim.visual.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.happysim.visual.bridge.ContextJson;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog's JSON reads back as it was written: ContextJson's output round-trips, escapes and all. */
class JsonTextTest {
    @Test
    void whatContextJsonWritesReadsBackTheSame() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t ünïcode \u0001");
        value.put("count", 42L);
        value.put("negative", -7L);
        value.put("rate", 0.25);
        value.put("whole", 3.0);
        value.put("big", 1.5e20);
        value.put("yes", true);
        value.put("nothing", null);
        value.put("list", List.of(1L, 2.5, "x", List.of(), Map.of()));
        value.put("nested", Map.of("a", Map.of("b", List.of(true, false))));
        String json = ContextJson.of(value);
        assertEquals(value, JsonText.parse(json));
    }

    @Test
    void numbersAreLongsWhenWholeAndDoublesOtherwise() {
        assertEquals(Arrays.asList(1L, 1.0, -2L, 2.5e-3, 12345678901234L, null), JsonText.parse(" [1, 1.0, -2, 2.5e-3, 12345678901234, null] "));
        assertEquals(Map.of(), JsonText.object(null));
        assertNull(JsonText.parse("null"));
        assertEquals("A", JsonText.parse("\"\\u0041\""));
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : List.of("{", "{\"a\"}", "[1,]x", "\"open", "tru", "{} {}", "{\"a\":1,}")) {
            assertThrows(IllegalArgumentException.class, () -> JsonText.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> JsonText.object("[1]"));
    }
}
