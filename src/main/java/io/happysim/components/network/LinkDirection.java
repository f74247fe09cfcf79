package io.happysim.components.network;

import io.happysim.core.Entity;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.instrumentation.RecentRate;
import io.happysim.instrumentation.Stats;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * One direction of a {@link Link}: its profile, the faults set on it, the messages on its wire and
 * what it has carried. The fault hooks keep the configured profile untouched — extra latency and
 * loss are added on top and a cut is a set of causes — so undoing a fault restores exactly what
 * was configured, and two partitions over the same pair heal independently.
 */
public final class LinkDirection {
    private static final Logger LOG = Logger.getLogger(Link.class.getName());
    private static final List<String> METRICS = List.of("in_flight", "delivered_per_s", "sent", "delivered", "dropped",
            "dropped_partition", "bytes", "mean_latency", "extra_latency_ms", "extra_loss", "cut");

    private final Link link;
    private final Entity from;
    private final Entity to;
    private final LinkProfile profile;
    private final Object byHand;
    private final String label;
    private final String metricPrefix;
    /** Who holds this direction cut: the link by hand, partitions. Cut while any does. */
    private final Set<Object> cutBy = new LinkedHashSet<>();
    private final Set<InFlight> inFlight = new LinkedHashSet<>();
    private final RecentRate deliveredRate = new RecentRate();
    private SplittableRandom delayRandom;
    private SplittableRandom lossRandom;
    private long extraLatencyNanos;
    private double extraLoss;
    private long sent;
    private long delivered;
    private long dropped;
    private long droppedByCut;
    private long bytes;
    private long latencyNanosSum;

    LinkDirection(Link link, Entity from, Entity to, LinkProfile profile, Object byHand) {
        if (profile == null) {
            throw new IllegalArgumentException("link direction " + from.name() + "->" + to.name() + " needs a profile");
        }
        this.link = link;
        this.from = from;
        this.to = to;
        this.profile = profile;
        this.byHand = byHand;
        this.label = from.name() + "->" + to.name();
        this.metricPrefix = label + ".";
    }

    // ------------------------------------------------------------------------------------------
    // Fault hooks

    /** Cuts this direction by hand (one way only): what is on the wire is lost, and so is what is sent until {@link #heal()}. Logged at INFO. */
    public void cut() {
        cut(byHand);
    }

    /** Undoes {@link #cut()}; a partition's cut of this direction stays until that partition heals. Logged at INFO. */
    public void heal() {
        heal(byHand);
    }

    public boolean isCut() {
        return !cutBy.isEmpty();
    }

    /** Adds {@code nanos} to the delay of every message sent from now on (0 restores the profile). Logged at INFO. */
    public void setExtraLatency(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("extra latency must be non-negative, got " + nanos + " ns");
        }
        if (nanos != extraLatencyNanos) {
            extraLatencyNanos = nanos;
            LOG.info(() -> "[" + link.name() + "] " + label + " extra latency " + nanos / 1e6 + " ms");
        }
    }

    /** Loss becomes min(1, configured + {@code probability}) for messages sent from now on (0 restores). Logged at INFO. */
    public void setExtraLoss(double probability) {
        if (!(probability >= 0) || Double.isInfinite(probability)) {
            throw new IllegalArgumentException("extra loss must be non-negative and finite, got " + probability);
        }
        if (probability != extraLoss) {
            extraLoss = probability;
            LOG.info(() -> "[" + link.name() + "] " + label + " extra loss " + String.format(java.util.Locale.ROOT, "%.4g", probability));
        }
    }

    public long extraLatencyNanos() {
        return extraLatencyNanos;
    }

    public double extraLoss() {
        return extraLoss;
    }

    /** The loss a message sent now meets: configured plus extra, capped at 1. */
    public double effectiveLoss() {
        return Math.min(1.0, profile.loss() + extraLoss);
    }

    void cut(Object by) {
        boolean wasCut = isCut();
        if (cutBy.add(by) && !wasCut) {
            LOG.info(() -> "[" + link.name() + "] " + label + " cut (" + by + ")");
            loseInFlight("link cut");
        }
    }

    void heal(Object by) {
        if (cutBy.remove(by) && !isCut()) {
            LOG.info(() -> "[" + link.name() + "] " + label + " healed");
        }
    }

    boolean isCutBy(Object by) {
        return cutBy.contains(by);
    }

    // ------------------------------------------------------------------------------------------
    // Transport (driven by the link)

    /**
     * A message enters: null if it goes on the wire, else why it is lost at once (counted). A
     * loss is decided here, when the message is sent, from this direction's own stream.
     */
    Failure enter(boolean linkDown) {
        sent++;
        if (linkDown || isCut()) {
            droppedByCut++;
            return Failure.lost(link, "link cut");
        }
        if (lossRandom.nextDouble() < effectiveLoss()) {
            dropped++;
            return Failure.lost(link, "packet lost");
        }
        return null;
    }

    /** latency + jitter + 8·bytes/bandwidth + extra, never negative (a negative jitter may eat into the latency). */
    long drawDelay(long messageBytes) {
        long delay = nanos(profile.latency().sample(delayRandom)) + nanos(profile.jitter().sample(delayRandom))
                + profile.serialisationNanos(messageBytes) + extraLatencyNanos;
        return Math.max(0L, delay);
    }

    private static long nanos(double seconds) {
        return seconds >= 0 ? Instant.secondsToNanos(seconds) : -Instant.secondsToNanos(-seconds);
    }

    void depart(InFlight message) {
        inFlight.add(message);
    }

    /** The message arrived at {@code nowNanos}: counted; returns its one-way delay. */
    long arrive(InFlight message, long nowNanos) {
        inFlight.remove(message);
        long delay = nowNanos - message.sentAtNanos;
        delivered++;
        bytes += message.bytes;
        latencyNanosSum += delay;
        deliveredRate.mark(nowNanos);
        return delay;
    }

    /** Everything on the wire is lost now, in the order it was sent. */
    void loseInFlight(String reason) {
        if (inFlight.isEmpty()) {
            return;
        }
        Failure lost = Failure.lost(link, reason);
        List<InFlight> onTheWire = List.copyOf(inFlight);
        inFlight.clear();
        for (InFlight message : onTheWire) {
            droppedByCut++;
            message.lose(lost);
        }
    }

    void reset(SplittableRandom delayRandom, SplittableRandom lossRandom) {
        this.delayRandom = delayRandom;
        this.lossRandom = lossRandom;
        cutBy.clear();
        inFlight.clear();
        deliveredRate.clear();
        extraLatencyNanos = 0;
        extraLoss = 0;
        sent = 0;
        delivered = 0;
        dropped = 0;
        droppedByCut = 0;
        bytes = 0;
        latencyNanosSum = 0;
    }

    // ------------------------------------------------------------------------------------------
    // What it has carried

    public Entity from() {
        return from;
    }

    public Entity to() {
        return to;
    }

    public LinkProfile profile() {
        return profile;
    }

    /** Messages that entered this direction, whatever became of them. */
    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    /** Lost to the loss probability. */
    public long dropped() {
        return dropped;
    }

    /** Lost to a cut (by hand, a partition, the link's crash), on entry or on the wire. */
    public long droppedByCut() {
        return droppedByCut;
    }

    /** Bytes delivered. */
    public long bytes() {
        return bytes;
    }

    /** Messages on the wire now. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The mean measured one-way delay of the delivered messages, in seconds (0 before the first). */
    public double meanLatencySeconds() {
        return delivered == 0 ? 0.0 : latencyNanosSum / 1e9 / delivered;
    }

    /** Deliveries per second over the last second of simulated time. */
    public double deliveredPerSecond() {
        return link.simulation() == null ? 0.0 : deliveredRate.perSecond(link.nowNanos());
    }

    String metricPrefix() {
        return metricPrefix;
    }

    /**
     * {@code in_flight, delivered_per_s, sent, delivered, dropped, dropped_partition} (lost to a
     * cut), {@code bytes, mean_latency} (measured, seconds), {@code extra_latency_ms, extra_loss, cut},
     * each under {@code "<from>-><to>."}.
     */
    void putMetrics(Map<String, Object> metrics) {
        for (String name : METRICS) {
            metrics.put(metricPrefix + name, metric(name));
        }
    }

    /** One metric by its name without the prefix, or null. */
    Object metric(String name) {
        return switch (name) {
            case "in_flight" -> inFlight.size();
            case "delivered_per_s" -> deliveredPerSecond();
            case "sent" -> sent;
            case "delivered" -> delivered;
            case "dropped" -> dropped;
            case "dropped_partition" -> droppedByCut;
            case "bytes" -> bytes;
            case "mean_latency" -> Stats.round6(meanLatencySeconds());
            case "extra_latency_ms" -> extraLatencyNanos / 1e6;
            case "extra_loss" -> extraLoss;
            case "cut" -> isCut();
            default -> null;
        };
    }

    /** {@code from->to}. */
    @Override
    public String toString() {
        return label;
    }
}
