package io.happysim.visual.app;

import io.happysim.visual.store.Retention;
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
    private final String runsKeep = lookup("happysim/runsKeep", "20");
    private final String runsMaxBytes = lookup("happysim/runsMaxBytes", "4g");

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
     * How many runs the history file keeps: {@code happysim.runs.keep} runs at most and {@code happysim.runs.max.bytes}
     * bytes of runs at most (k, m, g, t: binary multiples; 0: no limit). A value that cannot be read is logged and
     * replaced by its default (20 runs, 4 GiB).
     */
    public Retention retention() {
        return new Retention((int) Math.min(Integer.MAX_VALUE, count("happysim.runs.keep", runsKeep, 20)),
                bytes("happysim.runs.max.bytes", runsMaxBytes, 4L << 30));
    }

    static long count(String name, String raw, long fallback) {
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warning(() -> name + "='" + raw + "' is not a whole number >= 0; using " + fallback);
        return fallback;
    }

    /** {@code 500m}, {@code 4g}, {@code 1048576}: bytes. */
    static long bytes(String name, String raw, long fallback) {
        String text = raw.trim().toLowerCase(java.util.Locale.ROOT);
        int shift = 0;
        if (!text.isEmpty()) {
            switch (text.charAt(text.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1).trim();
        try {
            long value = Long.parseLong(digits);
            if (value >= 0 && value <= (Long.MAX_VALUE >> shift)) {
                return value << shift;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warning(() -> name + "='" + raw + "' is not a size (e.g. 4g, 500m, 0 for no limit); using " + fallback + " bytes");
        return fallback;
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
