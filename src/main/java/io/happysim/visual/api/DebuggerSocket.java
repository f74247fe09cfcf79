package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.app.NotConfiguredException;
import io.happysim.visual.session.ControlException;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.InvalidRequestException;
import io.happysim.visual.session.SimState;
import io.happysim.visual.session.UnknownNameException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /api/ws}: the live channel between the browser and the shared simulation. Client messages
 * are {@code {action, ...}}; every update goes to every client (see {@link LiveUpdates}). A message
 * the server cannot act on gets {@code {"type":"error"}} and the socket stays open, so one typo does
 * not cost the user their connection. Commands from one client run in the order sent, off the
 * socket's thread. A run-to starts a run and answers at once (it is a play with a target: updates carry its progress),
 * so the same client's pause stops it. An action with an {@code id} is answered by an {@code ack} (or the error) carrying
 * that id and the {@code seq} of the state that shows its effect.
 */
@ServerEndpoint("/api/ws")
@Dependent
public class DebuggerSocket {
    private static final Logger LOG = Logger.getLogger(DebuggerSocket.class.getName());
    /** Longer messages are refused unread: no action needs more. */
    static final int MAX_MESSAGE_CHARS = 10_000;
    static final long MAX_STEP = 1_000_000;

    @Inject
    DebuggerSession debugger;

    @Inject
    LiveUpdates live;

    @Resource
    ManagedExecutorService executor;

    private CompletableFuture<Void> lastCommand = CompletableFuture.completedFuture(null);

    @OnOpen
    public void open(Session socket) throws IOException {
        String setupProblem = debugger.setupProblem();
        if (setupProblem != null) {
            socket.getBasicRemote().sendText(error(NotConfiguredException.message(setupProblem)));
            socket.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "not configured: see /api/health"));
            return;
        }
        socket.setMaxTextMessageBufferSize(64 * 1024);
        live.add(socket);
    }

    @OnClose
    public void close(Session socket, CloseReason reason) {
        live.remove(socket);
    }

    @OnError
    public void failed(Session socket, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket " + socket.getId() + " failed", failure);
        live.remove(socket);
    }

    @OnMessage
    public void onMessage(String text, Session socket) {
        JsonObject message;
        try {
            message = parse(text);
        } catch (IllegalArgumentException e) {
            live.tell(socket, error(e.getMessage()));
            return;
        }
        synchronized (this) {
            lastCommand = lastCommand.thenRunAsync(() -> act(message, socket), executor);
        }
    }

    static JsonObject parse(String text) {
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw new IllegalArgumentException("message longer than " + MAX_MESSAGE_CHARS + " characters");
        }
        JsonValue value;
        try (JsonReader reader = JsonbProvider.JSONP.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("malformed JSON message");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("a message must be a JSON object like {\"action\": \"step\"}");
        }
        return value.asJsonObject();
    }

    private void act(JsonObject message, Session socket) {
        JsonValue id = message.get("id");
        try {
            if (id != null && !(id instanceof JsonNumber)) {
                id = null;
                throw new InvalidRequestException("id must be a number (the page's number for this action, echoed in its ack)");
            }
            JsonValue action = message.get("action");
            if (!(action instanceof JsonString name)) {
                throw new InvalidRequestException("missing \"action\" (a string) in the message");
            }
            DebugSession session = debugger.session();
            SimState done = switch (name.getString()) {
                case "play" -> session.play(number(message, "speed", 1, 0, 1e9), false);
                case "debug" -> session.play(number(message, "speed", 1, 0, 1e9), true);
                case "pause" -> session.pause();
                case "step" -> session.step(integer(message, "count", 1, MAX_STEP)).state();
                case "run_to" -> session.startRunTo(required(message, "time_s", 0, Double.MAX_VALUE));
                case "run_to_event" -> {
                    required(message, "event_number", 1, Long.MAX_VALUE);
                    yield session.startRunToEvent(integer(message, "event_number", 1, Long.MAX_VALUE));
                }
                case "reset" -> session.reset();
                default -> throw new InvalidRequestException("unknown action '" + Params.shorten(name.getString()) + "'");
            };
            if (id != null) {
                live.tell(socket, answer("ack", id, null, done.seq()));
            }
        } catch (InvalidRequestException | ControlException | UnknownNameException e) {
            live.tell(socket, answer("error", id, e.getMessage(), debugger.session().state().seq()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "WebSocket action failed", e);
            live.tell(socket, answer("error", id, "the action failed: " + e.getMessage(), debugger.session().state().seq()));
        }
    }

    /**
     * The answer to an action: {@code ack} or {@code error}, with the action's {@code id} (when it had one) and the
     * {@code seq} of the state the action left (for a refused one, the state as it stands). It goes out after the update
     * that state caused ({@link LiveUpdates#tell}); updates before that one show the situation before the action, so a
     * page keeps what it showed for its action until it has a state at least that new.
     */
    private static String answer(String type, JsonValue id, String message, long seq) {
        var answer = JsonbProvider.JSONP.createObjectBuilder().add("type", type);
        if (message != null) {
            answer.add("message", message);
        }
        if (id != null) {
            answer.add("id", id).add("seq", seq);
        }
        return answer.build().toString();
    }

    private static double number(JsonObject message, String field, double fallback, double min, double max) {
        JsonValue value = message.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidRequestException(field + " must be a number");
        }
        double v = number.doubleValue();
        if (!Double.isFinite(v) || v < min || v > max) {
            throw new InvalidRequestException(field + " must be between " + format(min) + " and " + format(max) + ", got " + number);
        }
        return v;
    }

    private static long integer(JsonObject message, String field, long min, long max) {
        double v = number(message, field, min, min, max);
        if (v != Math.rint(v)) {
            throw new InvalidRequestException(field + " must be a whole number, got " + message.get(field));
        }
        return (long) v;
    }

    private static double required(JsonObject message, String field, double min, double max) {
        if (!message.containsKey(field)) {
            throw new InvalidRequestException(field + " is required");
        }
        return number(message, field, 0, min, max);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String error(String message) {
        return JsonbProvider.JSONP.createObjectBuilder().add("type", "error").add("message", message).build().toString();
    }
}
