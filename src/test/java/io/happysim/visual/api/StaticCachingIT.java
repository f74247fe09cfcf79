package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
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
    }
}
