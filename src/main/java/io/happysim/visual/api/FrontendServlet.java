package io.happysim.visual.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.logging.Logger;

/**
 * Serves the bundled frontend (the WAR's {@code index.html} and {@code assets/}), in place of the container's file
 * servlet, for two reasons:
 * <ul>
 *   <li>Caching: Vite puts a content hash in every asset's name, so an asset never changes and may be cached for a
 *   year; the index page names the current assets, so the browser revalidates it on every load (Last-Modified) or it
 *   would keep running an old build.</li>
 *   <li>A browser that goes away while a file is being sent (a closed tab, a reload) is normal: it is logged at FINE
 *   and the committed response is left alone. The container's file servlet reported each one as a server fault — an
 *   FFDC incident file per aborted download (issue 15, log hygiene).</li>
 * </ul>
 * Anything else is a 404 through the error page ({@code {"error": …}}).
 */
@WebServlet(urlPatterns = "/", name = "frontend")
public class FrontendServlet extends HttpServlet {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final Logger LOG = Logger.getLogger(FrontendServlet.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = fileOf(request);
        URL file = path == null ? null : getServletContext().getResource(path);
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such page: " + request.getRequestURI());
            return;
        }
        URLConnection connection = file.openConnection();
        String type = getServletContext().getMimeType(path);
        response.setContentType(type == null ? "application/octet-stream" : type.startsWith("text/") ? type + ";charset=UTF-8" : type);
        response.setContentLengthLong(connection.getContentLengthLong());
        response.setHeader("Cache-Control", path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
        try (InputStream in = connection.getInputStream()) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        } catch (IOException failure) {
            if (!ClientAbort.isClientAbort(failure, response.isCommitted())) {
                throw failure;
            }
            LOG.fine(() -> "the browser went away while " + path + " was being sent: " + failure.getMessage());
        }
    }

    /** Lets the servlet answer a revalidation of the index page with 304 Not Modified. */
    @Override
    protected long getLastModified(HttpServletRequest request) {
        String path = fileOf(request);
        try {
            URL file = path == null ? null : getServletContext().getResource(path);
            return file == null ? -1 : file.openConnection().getLastModified() / 1000 * 1000;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The WAR file a request asks for: the index page for the root, an asset by name; null for anything else. */
    private static String fileOf(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty() || path.equals("/")) {
            return "/index.html";
        }
        String name = path.startsWith("/assets/") ? path.substring("/assets/".length()) : "";
        boolean asset = !name.isEmpty() && name.indexOf('/') < 0 && !name.startsWith(".");
        return asset || path.equals("/index.html") ? path : null;
    }
}
