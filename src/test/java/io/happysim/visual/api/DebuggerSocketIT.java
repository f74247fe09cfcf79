package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The /api/ws endpoint is wired: it answers a message it cannot act on with an error and keeps the socket open. */
@ExtendWith(ArquillianExtension.class)
class DebuggerSocketIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @Test
    void unknownActionsAndBadJsonGetAnErrorAndTheSocketStaysOpen() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        URI ws = URI.create(Deployments.baseUri().toString().replaceFirst("^http", "ws") + "api/ws");
        WebSocket socket = HttpJson.client().newWebSocketBuilder()
                .buildAsync(ws, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);

        JsonObject greeting = parse(received.poll(10, TimeUnit.SECONDS));
        assertEquals("state_update", greeting.getString("type"), "a new client gets the current state at once");

        socket.sendText("{\"action\":\"frobnicate\"}", true).get(10, TimeUnit.SECONDS);
        JsonObject first = parse(received.poll(10, TimeUnit.SECONDS));
        assertEquals("error", first.getString("type"));
        assertTrue(first.getString("message").contains("frobnicate"), first.toString());

        socket.sendText("this is not json", true).get(10, TimeUnit.SECONDS);
        JsonObject second = parse(received.poll(10, TimeUnit.SECONDS));
        assertEquals("error", second.getString("type"));
        assertTrue(second.getString("message").toLowerCase().contains("json"), second.toString());

        assertTrue(!socket.isOutputClosed() && !socket.isInputClosed(), "the socket must stay open after errors");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    private static JsonObject parse(String text) {
        assertTrue(text != null, "no answer from the socket within 10 s");
        return Json.createReader(new StringReader(text)).readObject();
    }
}
