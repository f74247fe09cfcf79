package io.happysim.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A blocking HTTP/1.1 exchange on one kept-alive socket, as wrk does: the JDK client hands every
 * request between threads, and on two cores those hand-offs, not the server, would set the tail.
 */
public final class RawHttpClient implements AutoCloseable {
    private final URI base;

    public RawHttpClient(URI base) {
        this.base = base;
    }

    private java.net.Socket socket;
    private java.io.BufferedInputStream in;
    private java.io.OutputStream out;

    /**
     * One GET. A kept-alive socket the server closed while it was idle (Liberty's persistent-connection timeout, e.g.
     * during a long play between two tables) is reopened once: the request had not reached the server.
     */
    public String get(String path) throws Exception {
        boolean reused = socket != null;
        String status;
        try {
            status = send(path);
        } catch (java.io.IOException closedWhileIdle) {
            if (!reused) {
                throw closedWhileIdle;
            }
            close();
            socket = null;
            status = send(path);
        }
        int length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (length >= 0) {
            body.write(in.readNBytes(length));
        }
        if (!status.contains(" 200 ")) {
            throw new IllegalStateException(path + " -> " + status + " " + body);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** Sends the request (on a new socket when there is none) and reads its status line. */
    private String send(String path) throws java.io.IOException {
        if (socket == null) {
            socket = new java.net.Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }
        out.write(("GET " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return line();
    }

    private String line() throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        if (socket != null) {
            socket.close();
        }
    }
}
