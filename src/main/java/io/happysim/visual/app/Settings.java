package io.happysim.visual.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server variables of liberty/config/server.xml, as the application sees them (JNDI entries).
 * Read once; a missing entry falls back to the documented default so the WAR also runs on a server
 * configured without them.
 */
@ApplicationScoped
public class Settings {
    private static final Logger LOG = Logger.getLogger(Settings.class.getName());

    private final String httpHost = lookup("happysim/httpHost", "localhost");
    private final String allowedHosts = lookup("happysim/allowedHosts", "");
    private final String allowedOrigins = lookup("happysim/allowedOrigins", "");
    private final String dbPath = lookup("happysim/dbPath", "");
    private final String defaultDbPath = lookup("happysim/defaultDbPath", "");
    private final String scenario = lookup("happysim/scenario", "bursty-mm1");
    private final String logLevel = lookup("happysim/logLevel", "INFO");
    private final String maxInMemorySamples = lookup("happysim/maxInMemorySamples", "0");
    private final String modelsDir = lookup("happysim/modelsDir", "");

    public String httpHost() {
        return httpHost;
    }

    /** Extra Host names accepted besides loopback and {@link #httpHost()} (comma-separated). */
    public String allowedHosts() {
        return allowedHosts;
    }

    /** Extra browser origins allowed to control the debugger (comma-separated). */
    public String allowedOrigins() {
        return allowedOrigins;
    }

    /** The folder of model JARs whose scenarios appear in the picker; null when none is configured. */
    public java.nio.file.Path modelsDir() {
        return modelsDir.isEmpty() ? null : java.nio.file.Path.of(modelsDir);
    }

    /** The scenario loaded at start-up. */
    public String scenario() {
        return scenario;
    }

    /** The least severe level of the simulation log: DEBUG, INFO, WARNING or ERROR. */
    public String logLevel() {
        return logLevel;
    }

    /** Newest samples each time series keeps in memory once stored; 0 keeps them all (the seed's default). */
    public int maxInMemorySamples() {
        try {
            int value = Integer.parseInt(maxInMemorySamples.trim());
            return Math.max(0, value);
        } catch (NumberFormatException e) {
            LOG.warning(() -> "happysim.max.in.memory.samples='" + maxInMemorySamples + "' is not a number; keeping every sample");
            return 0;
        }
    }

    /**
     * True when the database is at its default place: a scratch file for this server's life, deleted
     * at shutdown. A path given explicitly is kept, with its history, across restarts — and so is the
     * database of a server that does not say (no {@code happysim/dbPath}): its owner named the file in
     * the DataSource's URL, and a file someone named is not ours to delete.
     */
    public boolean temporaryDatabase() {
        return !dbPath.isEmpty() && dbPath.equals(defaultDbPath);
    }

    static String lookup(String name, String fallback) {
        try {
            Object value = new InitialContext().lookup(name);
            return value == null ? fallback : value.toString().trim();
        } catch (NamingException e) {
            LOG.fine(() -> "no JNDI entry " + name + "; using '" + fallback + "'");
            return fallback;
        }
    }
}
