package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParamsTest {

    private static void assertBad(String parameter, Runnable parse) {
        ApiException e = assertThrows(ApiException.class, parse::run);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(parameter), "the message names the parameter: " + e.getMessage());
    }

    @Test
    void secondsAreFiniteNonNegativeNumbers() {
        assertEquals(1.5, Params.seconds("time_s", "1.5"));
        assertNull(Params.seconds("time_s", null));
        assertNull(Params.seconds("time_s", " "));
        for (String bad : new String[] {"abc", "NaN", "Infinity", "-1", "1e999", "0x10"}) {
            assertBad("time_s", () -> Params.seconds("time_s", bad));
        }
    }

    @Test
    void integersStayInTheirRange() {
        assertEquals(100, Params.integer("limit", null, 100, 1, 1000));
        assertEquals(7, Params.integer("limit", "7", 100, 1, 1000));
        for (String bad : new String[] {"0", "1001", "-5", "1.5", "ten", "99999999999999999999"}) {
            assertBad("limit", () -> Params.integer("limit", bad, 100, 1, 1000));
        }
    }

    @Test
    void booleansAndRequiredValues() {
        assertTrue(Params.bool("exclude_internal", "true", false));
        assertEquals(false, Params.bool("exclude_internal", null, false));
        assertBad("exclude_internal", () -> Params.bool("exclude_internal", "maybe", false));
        assertBad("probe", () -> Params.required("probe", ""));
        assertBad("search", () -> Params.text("search", "x".repeat(Params.MAX_LENGTH + 1)));
    }

    @Test
    void reversedRangesAreRefused() {
        Params.range("time_min", 1.0, "time_max", 2.0);
        Params.range("time_min", null, "time_max", 2.0);
        assertBad("time_min", () -> Params.range("time_min", 3.0, "time_max", 2.0));
    }
}
