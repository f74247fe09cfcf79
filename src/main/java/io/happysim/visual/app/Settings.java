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
