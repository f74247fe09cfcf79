package io.happysim.components.resilience;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import java.util.ArrayList;
import java.util.List;

/** Requests a test sends from outside the model, each with a reply, and when and how each was answered. */
final class Calls {
    private final Simulation sim;
    final List<SimFuture<Response>> replies = new ArrayList<>();
    final List<Long> answeredAt = new ArrayList<>();

    Calls(Simulation sim) {
        this.sim = sim;
    }

    /** Sends a request to {@code entity} at {@code atSeconds}; returns its index. */
    int send(Entity entity, double atSeconds) {
        return sendAt(entity, Instant.ofSeconds(atSeconds).nanos());
    }

    /** Sends a request to {@code entity} at {@code atNanos}; returns its index. */
    int sendAt(Entity entity, long atNanos) {
        SimFuture<Response> reply = SimFuture.pending();
        int index = replies.size();
        replies.add(reply);
        answeredAt.add(-1L);
        reply.onSettle(r -> answeredAt.set(index, sim.nowNanos()));
        sim.schedule(new Event(atNanos, "Request", entity, false, null).withReply(reply));
        return index;
    }

    SimFuture<Response> reply(int index) {
        return replies.get(index);
    }

    Failure.Kind failureKind(int index) {
        Failure failure = replies.get(index).failure();
        return failure == null ? null : failure.kind();
    }

    long at(int index) {
        return answeredAt.get(index);
    }
}
