package io.happysim.visual.api;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/** The one error shape of the API, {@code {"error": "..."}}, for JAX-RS responses and for servlet filters alike. */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static String body(String message) {
        return JsonbProvider.JSONP.createObjectBuilder().add("error", message).build().toString();
    }

    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(message)).build();
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body(message));
    }
}
