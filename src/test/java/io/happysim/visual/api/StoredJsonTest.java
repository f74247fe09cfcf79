package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StoredJsonTest {
    private static final JsonProvider JSONP = JsonProvider.provider();

    private static JsonObject embed(String stored) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSONP.createGenerator(text)) {
            out.writeStartObject();
            out.write("event_id", 7);
            StoredJson.copy("context", stored, out);
            out.write("after", true);
            out.writeEnd();
        }
        return JSONP.createReader(new StringReader(text.toString())).readObject();
    }

    private static JsonObject parse(String json) {
        return JSONP.createReader(new StringReader(json)).readObject();
    }

    @Test
    void aStoredContextArrivesAsTheSameObjectBetweenItsNeighbours() {
        String stored = "{\"metadata\":{\"request_id\":42,\"tags\":[\"a\",\"b\\\"q\\\"\",null,true,false,[1,[2]],{}],"
                + "\"weight\":0.08,\"tiny\":1.0E-7,\"huge\":123456789012345678901234567890},"
                + "\"name\":\"Server-07 \\u00e9\\n\",\"none\":null,\"ok\":false,\"empty\":[]}";
        JsonObject answer = embed(stored);
        assertEquals(parse(stored), answer.getJsonObject("context"));
        assertEquals(7, answer.getInt("event_id"));
        assertEquals(true, answer.getBoolean("after"));
        assertEquals("123456789012345678901234567890",
                answer.getJsonObject("context").getJsonObject("metadata").getJsonNumber("huge").toString());
    }

    @Test
    void anEmptyContextIsAnEmptyObject() {
        assertEquals(parse("{}"), embed("{}").getJsonObject("context"));
    }
}
