package io.happysim.visual.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;

/**
 * {@code /api/ws}: the live channel between the browser and the simulation. Client messages are
 * {@code {action, ...}}; a message the server cannot act on gets {@code {"type":"error"}} and the
 * socket stays open, so one typo does not cost the user their connection.
 */
@ServerEndpoint("/api/ws")
public class DebuggerSocket {

    @OnMessage
    public String onMessage(String text, Session session) {
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return error("a message must be a JSON object like {\"action\": \"step\"}");
            }
            message = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            return error("malformed JSON message");
        }
        JsonValue action = message.get("action");
        if (!(action instanceof JsonString actionName)) {
            return error("missing \"action\" (a string) in the message");
        }
        return error("unknown action '" + actionName.getString() + "'");
    }

    static String error(String message) {
        return Json.createObjectBuilder().add("type", "error").add("message", message).build().toString();
    }
}
