package io.happysim.visual.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of {@code /api/ws} that keeps every message it receives, in order. */
public final class WsClient implements AutoCloseable {
    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> all = new ArrayList<>();
    private final WebSocket socket;

    private WsClient(WebSocket.Builder builder) throws Exception {
        URI ws = URI.create(Deployments.baseUri().toString().replaceFirst("^http", "ws") + "api/ws");
        socket = builder.buildAsync(ws, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    inbox.add(Json.createReader(new StringReader(partial.toString())).readObject());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
    }

    public static WsClient connect() throws Exception {
        return new WsClient(HttpJson.client().newWebSocketBuilder());
    }

    public void send(String json) throws Exception {
        socket.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    /** The next message of this type (earlier ones of other types are kept in {@link #received()}). */
    public JsonObject await(String type, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            JsonObject message = left <= 0 ? null : inbox.poll(left, TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no '" + type + "' message within " + timeoutMs + " ms; got " + all.size() + " messages");
            }
            all.add(message);
            if (type.equals(message.getString("type", ""))) {
                return message;
            }
        }
    }

    /** The next state_update whose state satisfies the condition. */
    public JsonObject awaitState(java.util.function.Predicate<JsonObject> condition, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            JsonObject update = await("state_update", Math.max(1, deadline - System.currentTimeMillis()));
            if (condition.test(update.getJsonObject("state"))) {
                return update;
            }
        }
    }

    /** Everything received and consumed so far, in order. */
    public List<JsonObject> received() {
        return all;
    }

    /** Takes whatever else has arrived, without waiting. */
    public List<JsonObject> drain() {
        List<JsonObject> more = new ArrayList<>();
        inbox.drainTo(more);
        all.addAll(more);
        return more;
    }

    @Override
    public void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
}
