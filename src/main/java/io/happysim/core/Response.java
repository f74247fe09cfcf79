package io.happysim.core;

/**
 * A good answer to a request: who answered and, optionally, what it said (a load report, a
 * value). Completing a request's {@link Event#reply() reply} with one is what "served" means.
 */
public record Response(String responder, Object body) {
    public Response {
        responder = responder == null ? "" : responder;
    }

    public static Response from(Entity responder) {
        return new Response(responder.name(), null);
    }
}
