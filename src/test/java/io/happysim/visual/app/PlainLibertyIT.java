package io.happysim.visual.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.HttpJson;
import io.happysim.visual.it.PlainLiberty;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built WAR on a second Liberty made of nothing but what the README's "Deploy the WAR to an existing Liberty"
 * prints, as a user would go about it: first the server without the DataSource — the application starts anyway and
 * says what to add (log line, health, API, WebSocket, the page in Chromium) — then with the whole snippet and the
 * optional entries, where the debugger runs. One server for both (a Liberty start is the cost here): the driver jar is
 * in place from the start, so adding the DataSource and redeploying the WAR is enough; a user who saves the jar later
 * restarts the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlainLibertyIT {
    private static final Duration APP_TIMEOUT = Duration.ofMinutes(3);

    private static PlainLiberty server;
    private static Path war;

    @BeforeAll
    static void startTheServerWithoutTheDataSource() throws Exception {
        String withoutDataSource = readmeBlock("deploy-server-xml").replaceAll("(?s)\\s*<!--[^>]*-->\\s*<dataSource .*?</dataSource>", "");
        assertFalse(withoutDataSource.contains("dataSource"), withoutDataSource);
        server = PlainLiberty.create(Path.of(System.getProperty("wlpHome")), Path.of("target", "plain-liberty"), "plain", withoutDataSource);
        server.copyInto("lib", Path.of(System.getProperty("sqliteJar")));
        war = server.copyInto("dropins", Path.of(System.getProperty("warFile", "target/happysim.war")));
        server.start();
        PlainLiberty.await("the application answers /api/health", APP_TIMEOUT, () -> List.of(200, 503).contains(status("api/health")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void withoutTheDataSourceTheApplicationStartsAndSaysExactlyWhatToAdd() throws Exception {
        String expectedProblem = "no DataSource is bound at jdbc/visualStore";

        HttpJson.Reply health = get("api/health");
        assertEquals(503, health.status(), health.body());
        JsonObject down = health.json().asJsonObject();
        assertEquals("DOWN", down.getString("status"));
        assertTrue(down.getString("error").startsWith("not configured: " + expectedProblem), down.toString());
        assertEquals(readmeBlock("deploy-server-xml").strip(), down.getString("server_xml").strip(), "health offers the README's snippet");

        for (HttpRequest.Builder call : List.of(request("api/state").GET(), request("api/topology").GET(),
                request("api/events?last_n=5").GET(), request("api/scenarios").GET(), request("api/store").GET(),
                request("api/step?count=abc").POST(HttpRequest.BodyPublishers.noBody()),
                request("api/scenarios/rescan").POST(HttpRequest.BodyPublishers.noBody()))) {
            HttpJson.Reply reply = HttpJson.send(call);
            String what = reply.raw().request().method() + " " + reply.raw().request().uri();
            assertEquals(503, reply.status(), what + ": " + reply.body());
            assertTrue(reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
            String error = reply.json().asJsonObject().getString("error");
            assertTrue(error.startsWith("not configured: " + expectedProblem) && error.endsWith("GET /api/health shows the server.xml to add"),
                    what + ": " + error);
        }
        assertEquals(404, status("api/no-such-endpoint"), "unknown paths are still unknown");

        SocketOutcome socket = openSocket();
        assertEquals(1013, socket.closeCode(), "the live channel is closed with 'try again later'");
        assertTrue(socket.firstMessage().getString("message").startsWith("not configured: " + expectedProblem), socket.toString());

        if (!Boolean.getBoolean("frontendSkip")) {
            HttpJson.Reply page = get("");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("<div id=\"root\">"), "the page is served, to show the reason: " + page.body());
            assertEquals(0, browserCheck("not-configured.page.mjs"), "the page shows the reason and the snippet: see the [e2e] lines above");
        }

        String log = server.messages();
        List<String> notConfigured = log.lines().filter(l -> l.contains("happysim is not configured: " + expectedProblem)).toList();
        assertEquals(1, notConfigured.size(), "one line says it: " + notConfigured);
        assertTrue(notConfigured.get(0).contains(" E happysim is not configured"), "at SEVERE, on the console too: " + notConfigured.get(0));
        assertTrue(notConfigured.get(0).contains(StoreSetup.SQLITE_JDBC_URL) && notConfigured.get(0).contains("<dataSource id=\"visualStore\""),
                notConfigured.get(0));
        for (String failure : List.of("CWOWB1000E", "CNTR0190E", "CWWKZ0002E", "CWWKZ0004E")) {
            assertFalse(log.contains(failure), "no CDI error and no failed start (" + failure + "):\n" + log);
        }
    }

    @Test
    @Order(2)
    void withTheSnippetTheDebuggerRunsOnTheUsersDataSourceAndReadsTheOptionalEntries() throws Exception {
        String options = readmeBlock("deploy-options");
        String optionEntries = options.strip().replaceFirst("^<server>", "").replaceFirst("</server>$", "");
        long configUpdates = server.count("CWWKG0017I");
        server.writeServerXml(readmeBlock("deploy-server-xml").replace("</server>", optionEntries + "</server>"));
        PlainLiberty.await("the server applies the new configuration", APP_TIMEOUT, () -> count("CWWKG0017I") > configUpdates);

        long appUpdates = server.count("CWWKZ0003I");
        server.touch(war);
        PlainLiberty.await("the application is redeployed", APP_TIMEOUT, () -> count("CWWKZ0003I") > appUpdates);
        PlainLiberty.await("/api/health is UP", APP_TIMEOUT, () -> status("api/health") == 200);

        JsonObject health = get("api/health").json().asJsonObject();
        assertEquals("UP", health.getString("status"));
        assertEquals("wal", health.getString("store"), "the journal mode the snippet's properties set");
        assertEquals(server.serverDir().resolve("happysim.db"), Path.of(health.getString("db_path")).normalize(),
                "${server.output.dir}/happysim.db of the snippet's url");
        assertTrue(health.isNull("error") && health.isNull("server_xml"), health.toString());
        assertEquals(entry(options, "happysim/scenario"), health.getString("scenario"), "the optional happysim/scenario entry is read");

        HttpJson.Reply rescan = HttpJson.send(request("api/scenarios/rescan").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, rescan.status(), rescan.body());
        Path modelsDir = Path.of(entry(options, "happysim/modelsDir").replace("${server.config.dir}", server.serverDir().toString()));
        assertEquals(modelsDir.normalize(), Path.of(rescan.json().asJsonObject().getString("models_dir")).normalize());

        HttpJson.Reply step = HttpJson.send(request("api/step?count=25").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, step.status(), step.body());
        assertEquals(25, step.json().asJsonObject().getJsonObject("state").getInt("events_processed"));

        server.stop();
        assertTrue(Files.isRegularFile(server.serverDir().resolve("happysim.db")),
                "a database the server does not call scratch is kept when it stops");
    }

    private record SocketOutcome(JsonObject firstMessage, int closeCode, String reason) {
    }

    /** Opens /api/ws and waits for the server to close it, keeping the first message. */
    private static SocketOutcome openSocket() throws Exception {
        CompletableFuture<JsonObject> first = new CompletableFuture<>();
        CompletableFuture<SocketOutcome> closed = new CompletableFuture<>();
        URI ws = URI.create(server.uri("api/ws").toString().replaceFirst("^http", "ws"));
        HttpJson.client().newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    first.complete(Json.createReader(new StringReader(partial.toString())).readObject());
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                closed.complete(new SocketOutcome(first.getNow(null), code, reason));
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        SocketOutcome outcome = closed.get(30, TimeUnit.SECONDS);
        return new SocketOutcome(first.get(1, TimeUnit.SECONDS), outcome.closeCode(), outcome.reason());
    }

    /** Runs one of frontend/e2e's scripts (Chromium through playwright-core) against this server; its exit code. */
    private static int browserCheck(String script) throws Exception {
        Path frontend = Path.of(System.getProperty("frontendDir", "frontend"));
        ProcessBuilder builder = new ProcessBuilder("node", frontend.resolve("e2e").resolve(script).toString()).redirectErrorStream(true);
        builder.environment().put("BASE_URL", server.uri("").toString());
        builder.environment().put("E2E_ARTIFACTS", System.getProperty("e2eArtifacts", "target/e2e-artifacts"));
        Process process = builder.start();
        try (var output = process.inputReader()) {
            output.lines().forEach(line -> System.out.println("[e2e] " + line));
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri(path));
    }

    private static HttpJson.Reply get(String path) throws Exception {
        return HttpJson.send(request(path).GET());
    }

    private static int status(String path) {
        try {
            return HttpJson.client().send(request(path).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    private static long count(String messageId) {
        try {
            return server.count(messageId);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String entry(String xml, String jndiName) {
        Matcher m = Pattern.compile("jndiName=\"" + Pattern.quote(jndiName) + "\"\\s+value=\"([^\"]*)\"").matcher(xml);
        assertTrue(m.find(), jndiName + " in " + xml);
        return m.group(1);
    }

    private static String readmeBlock(String marker) throws Exception {
        return StoreSetupTest.readmeBlock(marker);
    }
}
