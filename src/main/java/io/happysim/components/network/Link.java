package io.happysim.components.network;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.SeriesOwner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A network link between two entities, its ends A and B: a message sent to the link arrives at
 * the other end after latency + jitter + 8·bytes/bandwidth, unless it is lost; the reply to a
 * request travels back the other way with its own delay and loss.
 *
 * <p><b>One entity for both directions.</b> A request and its reply cross the same wire, so the
 * graph shows one node on the path (caller → link → server) that the debugger can mark while a
 * fault lasts, and a partition or a cut of "the link between client and server" is one thing.
 * The directions are still separate inside — each a {@link LinkDirection} with its own
 * {@link LinkProfile}, random streams, faults and metrics — so a one-way partition or a latency
 * spike on the return path can be said. Metrics are per direction, keyed
 * {@code "<from>-><to>.<metric>"}, A→B first (so a card shows A→B's {@code in_flight} and
 * {@code delivered_per_s}).
 *
 * <p><b>Which way a message goes.</b> A message enters at the end that sent it
 * ({@link Event#source()}, or a dotted part of it such as {@code Server.worker}) and goes to the
 * other; a message from anyone else (a source feeding the link, an event scheduled from outside)
 * enters at A. {@link #downstream()} is B, or both ends for a link that carries requests both
 * ways ({@link Builder#twoWay()}).
 *
 * <p><b>Replies are explicit.</b> The far end gets the request with a reply of the link's own;
 * when that settles, the answer (good, error or refusal) travels back and settles the caller's
 * reply on arrival. A loss on either leg fails the caller's reply {@code LOST} — silence, never a
 * success (the reference fired the caller's hooks on a drop). A caller that gives up (cancels its
 * reply) cancels the far end's too, so a server counts the work as served late, and an answer that
 * still comes back is reported late when it arrives.
 *
 * <p><b>A cut loses what is in flight.</b> {@link LinkDirection#cut()} or a {@link Partition}
 * loses every message on the wire at once — delivery events cancelled, replies failed
 * {@code LOST} — and every message sent while cut (the reference only checked on entry). A crash
 * of the link does the same. Messages are independent: no bandwidth queue and no contention; the
 * bandwidth only sets each message's serialisation delay, as in the reference.
 */
public class Link extends Entity implements SeriesOwner {
    /** The event that carries an answer back to the caller's end. */
    public static final String REPLY = "reply";

    private final Entity a;
    private final Entity b;
    private final boolean twoWay;
    private final LinkDirection ab;
    private final LinkDirection ba;
    private final Data latencies = new Data();

    private Link(Builder builder) {
        super(builder.name == null ? builder.a.name() + "-" + builder.b.name() : builder.name);
        this.a = builder.a;
        this.b = builder.b;
        this.twoWay = builder.twoWay;
        // who cuts a direction by hand, as opposed to a partition
        Object byHand = new Object() {
            @Override
            public String toString() {
                return "by hand";
            }
        };
        this.ab = new LinkDirection(this, a, b, builder.abProfile, byHand);
        this.ba = new LinkDirection(this, b, a, builder.baProfile == null ? builder.abProfile : builder.baProfile, byHand);
    }

    /** A link between {@code a} and {@code b}, carrying requests from A to B (and their replies back). */
    public static Builder between(Entity a, Entity b) {
        return new Builder(a, b);
    }

    @Override
    protected void handle(Event message) {
        LinkDirection way = enteringAt(message.source());
        Failure lost = way.enter(false);
        if (lost != null) {
            message.abandon(lost);
            return;
        }
        long bytes = sizeOf(message.contextView(), "payload_size", "size");
        InFlight onTheWire = new InFlight(nowNanos(), bytes, null);
        onTheWire.transit = resumeAfter(message, way.drawDelay(bytes), arrived -> deliverRequest(way, onTheWire, arrived));
        way.depart(onTheWire);
    }

    private LinkDirection enteringAt(Entity sender) {
        return isPartOf(sender, b) && !isPartOf(sender, a) ? ba : ab;
    }

    private static boolean isPartOf(Entity entity, Entity end) {
        return entity != null && (entity == end || entity.name().startsWith(end.name() + "."));
    }

    /** The request reaches the far end carrying a reply of the link's own, which answers back over the other direction. */
    private void deliverRequest(LinkDirection way, InFlight message, Event transit) {
        arrived(way, message);
        Event delivered = new Event(nowNanos(), transit.type(), way.to(), transit.isDaemon(), transit.context())
                .withAttachment(transit.attachment())
                .continueWork(transit);
        SimFuture<Response> callerReply = delivered.reply();
        if (callerReply != null) {
            SimFuture<Response> farReply = SimFuture.pending();
            delivered.withReply(farReply);
            LinkDirection back = way == ab ? ba : ab;
            Map<String, Object> context = delivered.context();
            long bytes = sizeOf(context, "reply_size");
            farReply.onSettle(answer -> {
                if (!answer.isCancelled()) {
                    sendBack(back, answer, callerReply, context, bytes);
                }
            });
            farReply.onLate(answer -> sendBack(back, answer, callerReply, context, bytes));
            callerReply.onSettle(caller -> {
                if (caller.isCancelled()) {
                    farReply.cancel();
                }
            });
        }
        schedule(delivered);
    }

    /** An answer from the far end crosses {@code back}; a loss there is the caller's loss, silent. */
    private void sendBack(LinkDirection back, SimFuture<Response> answer, SimFuture<Response> callerReply,
                          Map<String, Object> context, long bytes) {
        if (answer.isFailed() && answer.failure().isSilent()) {
            callerReply.fail(answer.failure());
            return;
        }
        // the link may have crashed since the request crossed: its own events would be lost unanswered
        Failure lost = back.enter(isDown());
        if (lost != null) {
            callerReply.fail(lost);
            return;
        }
        InFlight onTheWire = new InFlight(nowNanos(), bytes, callerReply);
        onTheWire.transit = after(back.drawDelay(bytes), REPLY, context, arrived -> {
            arrived(back, onTheWire);
            if (answer.isSucceeded()) {
                callerReply.complete(answer.value());
            } else {
                callerReply.fail(answer.failure());
            }
        });
        back.depart(onTheWire);
    }

    private void arrived(LinkDirection way, InFlight message) {
        long now = nowNanos();
        latencies.add(now, way.arrive(message, now) / 1e9);
    }

    /** A message's size in bytes from the first of {@code keys} in its context or its {@code metadata}; 0 if none. */
    private static long sizeOf(Map<String, Object> context, String... keys) {
        Object metadata = context.get("metadata");
        for (String key : keys) {
            Object size = context.get(key);
            if (size == null && metadata instanceof Map<?, ?> map) {
                size = map.get(key);
            }
            if (size instanceof Number number) {
                return Math.max(0L, number.longValue());
            }
        }
        return 0L;
    }

    /** A crash loses what is on the wire, as a cut does. */
    @Override
    protected void onCrash() {
        ab.loseInFlight("link down");
        ba.loseInFlight("link down");
    }

    /**
     * Not for links: a pause would hold messages in copies of their delivery events that a cut
     * could no longer reach. A slow or stalled link is {@link #setExtraLatency} or {@link #cut()}.
     */
    @Override
    public void pause(long durationNanos) {
        throw new UnsupportedOperationException("link '" + name() + "' does not pause: add latency (setExtraLatency) or cut it");
    }

    // ------------------------------------------------------------------------------------------
    // Fault hooks on both directions (a LinkDirection has the same for one)

    /** Adds {@code nanos} to the delay of every message sent from now on, both ways (0 restores). Logged at INFO. */
    public void setExtraLatency(long nanos) {
        ab.setExtraLatency(nanos);
        ba.setExtraLatency(nanos);
    }

    /** Loss becomes min(1, configured + {@code probability}) both ways, for messages sent from now on (0 restores). Logged at INFO. */
    public void setExtraLoss(double probability) {
        ab.setExtraLoss(probability);
        ba.setExtraLoss(probability);
    }

    /** Cuts both directions by hand: what is on the wire is lost, and so is everything sent until {@link #heal()}. */
    public void cut() {
        ab.cut();
        ba.cut();
    }

    /** Undoes {@link #cut()} (a partition's cuts stay until the partition heals). */
    public void heal() {
        ab.heal();
        ba.heal();
    }

    /** Whether either direction is cut now, by hand or by a partition. */
    public boolean isCut() {
        return ab.isCut() || ba.isCut();
    }

    // ------------------------------------------------------------------------------------------

    public Entity a() {
        return a;
    }

    public Entity b() {
        return b;
    }

    /** Whether requests may start at B too (a {@link Network#bidirectional} link). */
    public boolean isTwoWay() {
        return twoWay;
    }

    /** The direction that leaves {@code end}. */
    public LinkDirection from(Entity end) {
        if (end == a) {
            return ab;
        }
        if (end == b) {
            return ba;
        }
        throw new IllegalArgumentException("'" + end.name() + "' is not an end of link '" + name() + "'");
    }

    /** A→B, then B→A. */
    public List<LinkDirection> directions() {
        return List.of(ab, ba);
    }

    public boolean connects(Entity x, Entity y) {
        return (x == a && y == b) || (x == b && y == a);
    }

    /** Cuts, extra latency and extra loss are run state: a reset heals the link and restores its profiles. */
    @Override
    protected void reset() {
        ab.reset(random(ab + "/delay"), random(ab + "/loss"));
        ba.reset(random(ba + "/delay"), random(ba + "/loss"));
        latencies.clear();
    }

    /** Per direction, A→B first (see {@link LinkDirection}'s metrics), each name prefixed {@code "<from>-><to>."}. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        ab.putMetrics(metrics);
        ba.putMetrics(metrics);
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        for (LinkDirection way : directions()) {
            if (metricName.startsWith(way.metricPrefix())) {
                return way.metric(metricName.substring(way.metricPrefix().length()));
            }
        }
        return null;
    }

    /** The one-way delay of every delivered message, either direction, in seconds. */
    @Override
    public Map<String, Data> series() {
        return Map.of(name() + ".latency", latencies);
    }

    @Override
    public List<Entity> downstream() {
        return twoWay ? List.of(a, b) : List.of(b);
    }

    @Override
    public Category category() {
        return Category.NETWORK;
    }

    /** Ends, profiles (the same both ways unless told), a name ({@code "<A>-<B>"} by default). */
    public static final class Builder {
        private final Entity a;
        private final Entity b;
        private String name;
        private LinkProfile abProfile;
        private LinkProfile baProfile;
        private boolean twoWay;

        private Builder(Entity a, Entity b) {
            if (a == null || b == null) {
                throw new IllegalArgumentException("a link needs two ends");
            }
            if (a == b) {
                throw new IllegalArgumentException("a link needs two different ends, got '" + a.name() + "' twice");
            }
            this.a = a;
            this.b = b;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The profile of both directions (of A→B alone if {@link #reverse} is given). */
        public Builder profile(LinkProfile profile) {
            this.abProfile = profile;
            return this;
        }

        /** A different profile for B→A, the way replies come back. */
        public Builder reverse(LinkProfile profile) {
            this.baProfile = profile;
            return this;
        }

        /** Requests may start at B too: the graph draws the link toward both ends. */
        public Builder twoWay() {
            this.twoWay = true;
            return this;
        }

        public Link build() {
            if (abProfile == null) {
                throw new IllegalArgumentException("link " + a.name() + "-" + b.name() + " needs a profile");
            }
            return new Link(this);
        }
    }
}
