package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.stream.Stream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A browser that goes away while an asset is being sent is normal: no SEVERE line, no error body on a committed response. */
@ExtendWith(ArquillianExtension.class)
class ClientAbortIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    private static Path serverLog() {
        return Path.of(System.getProperty("wlpHome"), "usr", "servers", System.getProperty("serverName"), "logs", "messages.log");
    }

    /** The server's FFDC incident files: Liberty writes one for every failure it considers a fault. */
    private static List<Path> incidents() throws IOException {
        Path ffdc = serverLog().resolveSibling("ffdc");
        if (!Files.isDirectory(ffdc)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ffdc_")).sorted().toList();
        }
    }

    @Test
    void anAbortedAssetDownloadLeavesNoSevereEntryInTheServerLog() throws Exception {
        String index = HttpJson.get("").body();
        Matcher asset = Pattern.compile("assets/[A-Za-z0-9_.-]+\\.js").matcher(index);
        String biggest = null;
        long biggestSize = -1;
        while (asset.find()) {
            long size = HttpJson.get(asset.group()).body().length();
            if (size > biggestSize) {
                biggestSize = size;
                biggest = asset.group();
            }
        }
        assertTrue(biggestSize > 200_000, "an asset big enough to be cut off mid-way: " + biggest + " (" + biggestSize + " chars)");
        Path log = serverLog();
        long before = Files.size(log);
        List<Path> incidentsBefore = incidents();

        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new java.net.InetSocketAddress("localhost", Deployments.baseUri().getPort()));
                OutputStream out = socket.getOutputStream();
                out.write(("GET /" + biggest + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.getInputStream().readNBytes(100);
                socket.setSoLinger(true, 0);   // close with a reset, as a closed tab does
            }
        }
        assertEquals(200, HttpJson.get("api/health").status(), "the server goes on");
        Thread.sleep(1500);

        String added = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) before);
        List<String> severe = added.lines().filter(l -> l.matches("^\\[[^]]+] \\S+ \\S+\\s+E .*") || l.contains("SRVE0777E")).toList();
        assertEquals(List.of(), severe, "no SEVERE entry for a browser that went away:\n" + added);
        assertTrue(!added.contains("OutputStream already obtained"), "no error body written to a committed response:\n" + added);
        assertEquals(incidentsBefore, incidents(), "no FFDC incident (a server fault report) for a browser that went away");
    }
}
