package io.happysim.visual.it;

import jakarta.json.Json;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the integration tests. Forced to HTTP/1.1: the JDK client's h2c upgrade hangs against Liberty. */
public final class HttpJson {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HttpJson() {
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }
    }

    public static Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(Deployments.baseUri().resolve(path)).GET());
    }

    public static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    public static HttpClient client() {
        return CLIENT;
    }
}
