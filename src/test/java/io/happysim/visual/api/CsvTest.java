package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() throws IOException {
        StringWriter out = new StringWriter();
        Csv.line(out, 1, "plain", null, "a,b", "say \"hi\"", "two\nlines", true, "{\"id\":\"7\",\"x\":1}");
        assertEquals("1,plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",true,\"{\"\"id\"\":\"\"7\"\",\"\"x\"\":1}\"\r\n", out.toString());
    }

    @Test
    void timesAreExactDecimalSeconds() {
        assertEquals("0", Csv.seconds(0));
        assertEquals("12.345678901", Csv.seconds(12_345_678_901L));
        assertEquals("2.5", Csv.seconds(2_500_000_000L));
        assertEquals("0.0001", Csv.seconds(100_000));
        assertEquals("100000", Csv.seconds(100_000_000_000_000L));
        assertEquals("-0.5", Csv.seconds(-500_000_000));
        assertEquals("-1.5", Csv.seconds(-1_500_000_000));
    }
}
