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

/**
 * Caching for the bundled frontend: Vite puts a content hash in every asset's name, so an asset
 * never changes and may be cached for a year; the index page names the current assets, so the
 * browser must revalidate it on every load or it would keep running an old build.
 */
@WebFilter(urlPatterns = {"/", "/index.html", "/assets/*"})
public class StaticCachingFilter implements Filter {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        ((HttpServletResponse) res).setHeader("Cache-Control", path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
        chain.doFilter(req, res);
    }
}
