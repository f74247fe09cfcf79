package io.happysim.visual.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Caching for the bundled frontend: Vite puts a content hash in every asset's name, so an asset
 * never changes and may be cached for a year; the index page names the current assets, so the
 * browser must revalidate it on every load or it would keep running an old build. A browser that
 * goes away while an asset is being sent is normal: it is logged at FINE and the response is left
 * alone (it is already committed), instead of reaching the error page as a server failure.
 */
@WebFilter(urlPatterns = {"/", "/index.html", "/assets/*"})
public class StaticCachingFilter implements Filter {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final Logger LOG = Logger.getLogger(StaticCachingFilter.class.getName());

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Cache-Control", path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
        try {
            chain.doFilter(req, res);
        } catch (IOException | ServletException failure) {
            if (!ClientAbort.isClientAbort(failure, response.isCommitted())) {
                throw failure;
            }
            LOG.fine(() -> "the browser went away while " + path + " was being sent: " + failure.getMessage());
        }
    }
}
