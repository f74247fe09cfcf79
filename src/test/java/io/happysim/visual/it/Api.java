package io.happysim.visual.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Short calls of the debugger API for integration tests: each asserts the status it expects. */
public final class Api {
    private Api() {
    }

    public static HttpJson.Reply get(String path) throws Exception {
        return HttpJson.get(path);
    }

    public static HttpJson.Reply post(String path) throws Exception {
        return HttpJson.send(HttpRequest.newBuilder(Deployments.baseUri().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static HttpJson.Reply postJson(String path, String body) throws Exception {
        return HttpJson.send(HttpRequest.newBuilder(Deployments.baseUri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static HttpJson.Reply delete(String path) throws Exception {
        return HttpJson.send(HttpRequest.newBuilder(Deployments.baseUri().resolve(path)).DELETE());
    }

    public static JsonObject object(HttpJson.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.body());
        return reply.json().asJsonObject();
    }

    public static JsonObject getObject(String path) throws Exception {
        return object(get(path), 200);
    }

    public static JsonArray getArray(String path) throws Exception {
        HttpJson.Reply reply = get(path);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().asJsonArray();
    }

    public static JsonObject postObject(String path) throws Exception {
        return object(post(path), 200);
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Every event of the stored history, oldest first, paged by cursor. */
    public static List<JsonObject> allEvents(String filters) throws Exception {
        List<JsonObject> events = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = getObject("api/events?direction=newer&limit=1000" + filters + (cursor == null ? "" : "&cursor=" + q(cursor)));
            page.getJsonArray("events").forEach(e -> events.add(e.asJsonObject()));
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
        } while (cursor != null);
        return events;
    }

    public static double number(JsonObject object, String field) {
        return object.getJsonNumber(field).doubleValue();
    }

    public static boolean isNull(JsonObject object, String field) {
        return !object.containsKey(field) || object.get(field).getValueType() == JsonValue.ValueType.NULL;
    }

    /** Runs the loaded scenario to its end (over REST) and returns the final state. */
    public static JsonObject runToEnd() throws Exception {
        JsonObject result = postObject("api/run_to?time_s=1000000");
        return result.getJsonObject("state");
    }
}
