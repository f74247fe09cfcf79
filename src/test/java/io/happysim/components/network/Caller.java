package io.happysim.components.network;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends {@code count} requests to a target, one every interval from the start, and records how and when each ended. */
final class Caller extends Entity {
    private Entity target;
    private final long intervalNanos;
    private final int count;
    private final boolean expectsReply;
    private final long payloadBytes;
    final List<SimFuture<Response>> replies = new ArrayList<>();
    final List<Long> sentAt = new ArrayList<>();
    final List<Long> settledAt = new ArrayList<>();
    int late;

    Caller(String name, long intervalNanos, int count, boolean expectsReply, long payloadBytes) {
        super(name);
        this.intervalNanos = intervalNanos;
        this.count = count;
        this.expectsReply = expectsReply;
        this.payloadBytes = payloadBytes;
    }

    /** A client named {@code Client} whose requests expect replies and carry no payload. */
    static Caller requests(long intervalNanos, int count) {
        return new Caller("Client", intervalNanos, count, true, 0);
    }

    /** Where the requests go (set after construction: a link needs its ends first). */
    Caller sendTo(Entity target) {
        this.target = target;
        return this;
    }

    @Override
    protected void reset() {
        replies.clear();
        sentAt.clear();
        settledAt.clear();
        late = 0;
    }

    @Override
    protected void start() {
        if (count > 0) {
            schedule(new Event(nowNanos(), "tick", this, false, null));
        }
    }

    @Override
    protected void handle(Event tick) {
        int index = sentAt.size();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request_id", index + 1);
        if (payloadBytes > 0) {
            context.put("payload_size", payloadBytes);
        }
        Event request = new Event(nowNanos(), "Request", target, false, context);
        sentAt.add(nowNanos());
        settledAt.add(-1L);
        if (expectsReply) {
            SimFuture<Response> reply = SimFuture.pending();
            reply.onSettle(settled -> settledAt.set(index, nowNanos()));
            reply.onLate(result -> late++);
            replies.add(reply);
            request.withReply(reply);
        }
        schedule(request);
        if (sentAt.size() < count) {
            schedule(new Event(nowNanos() + intervalNanos, "tick", this, false, null));
        }
    }

    long succeeded() {
        return replies.stream().filter(SimFuture::isSucceeded).count();
    }

    long failedWith(Failure.Kind kind) {
        return replies.stream().filter(r -> r.isFailed() && r.failure().kind() == kind).count();
    }

    /** Mean seconds from sending to a good answer, over the requests that got one. */
    double meanRoundTripSeconds() {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i).isSucceeded()) {
                sum += (settledAt.get(i) - sentAt.get(i)) / 1e9;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public List<Entity> downstream() {
        return List.of(target);
    }
}
