package io.happysim.visual.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which requests a local debugger accepts, the way Jupyter protects its kernels: a page on another
 * site must not drive the simulation (foreign {@code Origin}), and a hostile DNS name that resolves
 * to 127.0.0.1 must not reach it at all (foreign {@code Host}, DNS rebinding).
 *
 * <p>Plain Java so the rules are unit-tested without a server; {@link LocalAccessFilter} applies them.
 */
public final class LocalOriginPolicy {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Set<String> WILDCARD = Set.of("*", "0.0.0.0", "::", "[::]");

    private final Set<String> allowedHosts;
    private final boolean anyHost;
    private final Set<String> extraOrigins;

    /**
     * @param configuredHost the HTTP endpoint's host; a wildcard means the user exposed the server on purpose
     * @param extraHosts     further host names to accept (comma-separated, may be empty)
     * @param extraOrigins   further origins to accept, e.g. {@code http://localhost:5173} (comma-separated, may be empty)
     */
    public LocalOriginPolicy(String configuredHost, String extraHosts, String extraOrigins) {
        String host = normalizeHost(configuredHost == null ? "localhost" : configuredHost);
        this.anyHost = WILDCARD.contains(host);
        this.allowedHosts = Stream.concat(Stream.concat(LOOPBACK.stream(), Stream.of(host)), split(extraHosts).map(LocalOriginPolicy::normalizeHost))
                .collect(Collectors.toUnmodifiableSet());
        this.extraOrigins = split(extraOrigins).map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Null when the Host header is acceptable, else why not. A missing Host (HTTP/1.0 tools) is accepted. */
    public String rejectHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || anyHost) {
            return null;
        }
        String host = normalizeHost(stripPort(hostHeader.trim()));
        return allowedHosts.contains(host) ? null
                : "Host '" + hostHeader + "' is not this server's; add it to happysim.allowed.hosts to allow it";
    }

    /**
     * Null when a browser with this Origin may change state, else why not. No Origin means a non-browser
     * client (curl, a script), which a web page cannot impersonate, so it is accepted.
     */
    public String rejectOrigin(String originHeader, String hostHeader) {
        if (originHeader == null) {
            return null;
        }
        String origin = originHeader.trim().toLowerCase(Locale.ROOT);
        if (extraOrigins.contains(origin)) {
            return null;
        }
        String refusal = "Origin '" + originHeader + "' is not this server's own; a page on another site may not control the debugger";
        if (hostHeader == null || origin.equals("null")) {
            return refusal;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return refusal;
            }
            String originAuthority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return sameAuthority(originAuthority, hostHeader.trim().toLowerCase(Locale.ROOT), uri.getScheme()) ? null : refusal;
        } catch (URISyntaxException e) {
            return refusal;
        }
    }

    private static boolean sameAuthority(String origin, String host, String scheme) {
        String defaultPort = "https".equals(scheme) ? ":443" : ":80";
        return withPort(origin, defaultPort).equals(withPort(host, defaultPort));
    }

    private static String withPort(String authority, String defaultPort) {
        boolean hasPort = authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
        return hasPort ? authority : authority + defaultPort;
    }

    private static String stripPort(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 || authority.indexOf(':', colon + 1) >= 0 ? authority : authority.substring(0, colon);
    }

    private static String normalizeHost(String host) {
        return host.trim().toLowerCase(Locale.ROOT);
    }

    private static Stream<String> split(String list) {
        return list == null ? Stream.empty() : Stream.of(list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
    }
}
