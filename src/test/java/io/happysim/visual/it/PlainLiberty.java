package io.happysim.visual.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A Liberty server made by hand, as a user would make one: a folder with a server.xml, a lib folder and dropins, in
 * its own user directory under target/ and run by the runtime Maven already unpacked ({@code wlpHome}); nothing of the
 * project's server configuration. It listens on a free port (a configDropins override, the one line of configuration
 * that is the test's, not the user's) so it never clashes with the integration tests' server or another build.
 */
public final class PlainLiberty implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    private final Path wlp;
    private final Path userDir;
    private final String name;
    private final Path serverDir;
    private final int port;
    private boolean running;

    private PlainLiberty(Path wlp, Path userDir, String name, int port) {
        this.wlp = wlp;
        this.userDir = userDir.toAbsolutePath().normalize();
        this.name = name;
        this.serverDir = this.userDir.resolve("servers").resolve(name);
        this.port = port;
    }

    /** A fresh server (a leftover of an earlier run is stopped and removed) with this server.xml. */
    public static PlainLiberty create(Path wlp, Path userDir, String name, String serverXml) throws Exception {
        PlainLiberty server = new PlainLiberty(wlp, userDir, name, freePort());
        if (Files.isDirectory(server.serverDir)) {
            server.command("stop");
            deleteTree(server.serverDir);
        }
        Files.createDirectories(server.serverDir.resolve("configDropins/overrides"));
        Files.createDirectories(server.serverDir.resolve("dropins"));
        Files.createDirectories(server.serverDir.resolve("lib"));
        server.writeServerXml(serverXml);
        Files.writeString(server.serverDir.resolve("configDropins/overrides/test-port.xml"),
                "<server><httpEndpoint id=\"defaultHttpEndpoint\" host=\"localhost\" httpPort=\"" + server.port + "\" httpsPort=\"-1\"/></server>\n");
        return server;
    }

    public Path serverDir() {
        return serverDir;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + "/" + path);
    }

    /** Replaces server.xml; a running server picks it up (its mtime moves forward so the monitor cannot miss it). */
    public void writeServerXml(String xml) throws IOException {
        write(serverDir.resolve("server.xml"), xml);
    }

    /** Writes a file of the server's folder, e.g. {@code configDropins/overrides/x.xml}. */
    public void write(Path relative, String text) throws IOException {
        Path file = serverDir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
    }

    /** Copies a file into the server's folder under its own name, e.g. into {@code lib} or {@code dropins}. */
    public Path copyInto(String folder, Path file) throws IOException {
        Path target = serverDir.resolve(folder).resolve(file.getFileName());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Makes the dropins monitor redeploy an application, as {@code touch} would. */
    public void touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
    }

    public void start() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "stop " + name));
        running = true;
        int rc = command("start");
        if (rc != 0) {
            throw new IllegalStateException("server start " + name + " answered " + rc + ": " + Files.readString(consoleFile()));
        }
    }

    public void stop() throws Exception {
        if (running) {
            running = false;
            command("stop");
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception ignored) {
            // the JVM is going; the server goes with its own stop command or not at all
        }
    }

    /** The server's messages.log ("" before it exists). */
    public String messages() throws IOException {
        Path log = serverDir.resolve("logs/messages.log");
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    /** How many lines of messages.log contain this text (a message id such as CWWKZ0003I). */
    public long count(String text) throws IOException {
        return messages().lines().filter(l -> l.contains(text)).count();
    }

    /** Waits until the condition holds, checking every 200 ms. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private int command(String action) throws Exception {
        Files.createDirectories(userDir);
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(consoleFile().toFile()));
        Map<String, String> env = builder.environment();
        env.put("WLP_USER_DIR", userDir.toString());
        env.remove("WLP_OUTPUT_DIR");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server " + action + " " + name + " took longer than " + COMMAND_TIMEOUT);
        }
        return process.exitValue();
    }

    private Path consoleFile() {
        return userDir.resolve(name + "-commands.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        }
    }
}
