package io.happysim.visual.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A hand-written HTTP/1.1 exchange, for headers the JDK client refuses to forge (Host). */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends the request text as is (CRLF line ends added) and returns the status code and the whole response. */
    public static String exchange(String... requestLines) throws IOException {
        try (Socket socket = new Socket("localhost", Deployments.baseUri().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((String.join("\r\n", requestLines) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    public static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}
