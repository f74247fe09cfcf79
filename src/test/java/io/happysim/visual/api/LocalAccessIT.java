package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import io.happysim.visual.it.RawHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A local tool's protection, as Jupyter does it: foreign Host (DNS rebinding) and foreign Origin are refused. */
@ExtendWith(ArquillianExtension.class)
class LocalAccessIT {
    private static final String OWN_ORIGIN = "http://localhost:" + Deployments.baseUri().getPort();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @Test
    void aForeignHostIsRefusedEvenForReads() throws Exception {
        String refused = RawHttp.exchange("GET /api/health HTTP/1.1", "Host: rebound.evil.example:" + Deployments.baseUri().getPort());
        assertEquals(403, RawHttp.status(refused), refused);
        assertTrue(refused.contains("\"error\""), refused);

        String accepted = RawHttp.exchange("GET /api/health HTTP/1.1", "Host: 127.0.0.1:" + Deployments.baseUri().getPort());
        assertEquals(200, RawHttp.status(accepted), accepted);
    }

    @Test
    void aForeignOriginCannotChangeState() throws Exception {
        HttpJson.Reply foreign = HttpJson.send(HttpRequest.newBuilder(Deployments.baseUri().resolve("api/reset"))
                .header("Origin", "http://evil.example.com").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, foreign.status(), foreign.body());
        assertTrue(foreign.json().asJsonObject().getString("error").contains("Origin"), foreign.body());
    }

    @Test
    void readsFromAnotherOriginAreNotBlockedByTheFilter() throws Exception {
        HttpJson.Reply read = HttpJson.send(HttpRequest.newBuilder(Deployments.baseUri().resolve("api/health"))
                .header("Origin", "http://evil.example.com").GET());
        assertEquals(200, read.status(), "GET is safe; the browser's same-origin policy keeps the answer from the page");
    }

    @Test
    void aForeignOriginCannotOpenTheWebSocket() throws Exception {
        URI ws = URI.create(Deployments.baseUri().toString().replaceFirst("^http", "ws") + "api/ws");
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> HttpJson.client().newWebSocketBuilder().header("Origin", "http://evil.example.com")
                        .buildAsync(ws, new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS));
        Throwable cause = refused.getCause() instanceof CompletionException ? refused.getCause().getCause() : refused.getCause();
        assertTrue(cause instanceof WebSocketHandshakeException, String.valueOf(cause));
        assertEquals(403, ((WebSocketHandshakeException) cause).getResponse().statusCode());

        WebSocket own = HttpJson.client().newWebSocketBuilder().header("Origin", OWN_ORIGIN)
                .buildAsync(ws, new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS);
        own.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
}
