package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The index page is revalidated on every load; content-hashed assets are cached for good. */
@ExtendWith(ArquillianExtension.class)
class StaticCachingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @Test
    void indexIsRevalidatedAndHashedAssetsAreImmutable() throws Exception {
        HttpJson.Reply index = HttpJson.get("");
        assertEquals(200, index.status());
        assertEquals("no-cache", index.raw().headers().firstValue("Cache-Control").orElse(""));

        Matcher asset = Pattern.compile("assets/[A-Za-z0-9_.-]+\\.js").matcher(index.body());
        assertTrue(asset.find(), "the index names a hashed script: " + index.body());
        HttpJson.Reply script = HttpJson.get(asset.group());
        assertEquals(200, script.status());
        assertEquals("public, max-age=31536000, immutable", script.raw().headers().firstValue("Cache-Control").orElse(""));
        assertTrue(script.raw().headers().firstValue("Content-Type").orElse("").contains("javascript"), script.raw().headers().toString());

        String lastModified = index.raw().headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = HttpJson.client().send(HttpRequest.newBuilder(Deployments.baseUri()).header("If-Modified-Since", lastModified)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode(), "a revalidation of an unchanged index page is answered without the page");
    }

    @Test
    void anythingButThePageAndItsAssetsIsA404InJson() throws Exception {
        for (String path : List.of("favicon.ico", "assets/", "assets/../WEB-INF/web.xml", "WEB-INF/web.xml", "META-INF/MANIFEST.MF",
                "assets/nope.js", "index.htm")) {
            HttpJson.Reply reply = HttpJson.get(path);
            assertEquals(404, reply.status(), path + ": " + reply.body());
            assertTrue(reply.body().startsWith("{\"error\""), path + ": " + reply.body());
        }
    }
}
