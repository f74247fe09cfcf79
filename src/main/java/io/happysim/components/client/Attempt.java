package io.happysim.components.client;

import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import java.util.LinkedHashMap;
import java.util.Map;

/** One attempt of a call: its own reply, and what the client could not hear (a silent loss). */
final class Attempt {
    final Call call;
    final int number;
    final long sentAtNanos;
    final SimFuture<Response> reply = SimFuture.pending();
    boolean lostSilently;
    boolean byDeadline;

    Attempt(Call call, int number, long sentAtNanos) {
        this.call = call;
        this.number = number;
        this.sentAtNanos = sentAtNanos;
    }

    Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>(4);
        Object id = call.request.contextView().get("request_id");
        if (id != null) {
            context.put("request_id", id);
        }
        context.put("attempt", number + 1);
        return context;
    }
}
