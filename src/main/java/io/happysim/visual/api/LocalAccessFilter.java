package io.happysim.visual.api;

import io.happysim.visual.app.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies {@link LocalOriginPolicy} to every request before anything else sees it: a foreign Host is
 * refused everywhere; a foreign Origin is refused on state-changing methods and WebSocket handshakes.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class LocalAccessFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(LocalAccessFilter.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Settings settings;

    private LocalOriginPolicy policy;

    @Override
    public void init(FilterConfig config) {
        policy = new LocalOriginPolicy(settings.httpHost(), settings.allowedHosts(), settings.allowedOrigins());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String host = request.getHeader("Host");
        String refusal = policy.rejectHost(host);
        if (refusal == null && needsSameOrigin(request)) {
            refusal = policy.rejectOrigin(request.getHeader("Origin"), host);
        }
        if (refusal != null) {
            String why = refusal;
            LOG.warning(() -> "refused " + request.getMethod() + " " + request.getRequestURI() + ": " + why);
            ApiErrors.write((HttpServletResponse) res, HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        chain.doFilter(req, res);
    }

    private static boolean needsSameOrigin(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) || "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }
}
