package io.happysim.components.ratelimit;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests sent from outside a model, each with a reply whose settling time is recorded. */
final class Requests {
    final List<SimFuture<Response>> replies = new ArrayList<>();
    final List<Long> settledAt = new ArrayList<>();
    private final Simulation sim;

    Requests(Simulation sim) {
        this.sim = sim;
    }

    /** A request numbered 1, 2, … (context {@code request_id}) to {@code target} at {@code atSeconds}. */
    SimFuture<Response> send(Entity target, double atSeconds) {
        SimFuture<Response> reply = SimFuture.pending();
        int index = replies.size();
        replies.add(reply);
        settledAt.add(-1L);
        reply.onSettle(r -> settledAt.set(index, sim.nowNanos()));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request_id", (long) index + 1);
        sim.schedule(new Event(Instant.ofSeconds(atSeconds).nanos(), "Request", target, false, context).withReply(reply));
        return reply;
    }

    /** A downstream that answers every request at once and remembers it. */
    static Scripted backend(String name) {
        return new Scripted(name, (self, request) -> request.replyWith(self, null));
    }

    /** The {@code request_id}s in the order {@code backend} received them. */
    static List<Object> idsReceivedBy(Scripted backend) {
        return backend.received().stream().map(e -> e.contextView().get("request_id")).toList();
    }

    /** The times at which {@code backend} received its requests. */
    static List<Long> timesReceivedBy(Scripted backend) {
        return backend.received().stream().map(Event::timeNanos).toList();
    }
}
