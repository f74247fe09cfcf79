package io.happysim.components.network;

import io.happysim.distributions.Distribution;
import java.util.SplittableRandom;

/**
 * What one direction of a {@link Link} does to a message: a latency and a jitter (both drawn per
 * message, in seconds), a bandwidth that adds a serialisation delay of 8·bytes/bandwidth, and a
 * loss probability. The presets carry the reference's values (§5.3) so a model can say
 * "cross-region" instead of five numbers.
 *
 * @param latency      the base one-way delay
 * @param jitter       added to the latency per message ({@code null}: none)
 * @param bandwidthBps bits per second; {@code Double.POSITIVE_INFINITY} for no serialisation delay
 * @param loss         the chance that a message is lost, in [0, 1]
 */
public record LinkProfile(Distribution latency, Distribution jitter, double bandwidthBps, double loss) {
    private static final double GBPS = 1e9;
    private static final double MBPS = 1e6;
    private static final Distribution NO_JITTER = Distribution.constant(0.0);

    public LinkProfile {
        if (latency == null) {
            throw new IllegalArgumentException("a link profile needs a latency");
        }
        jitter = jitter == null ? NO_JITTER : jitter;
        if (!(bandwidthBps > 0)) {
            throw new IllegalArgumentException("bandwidth must be positive (infinite for none), got " + bandwidthBps);
        }
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1], got " + loss);
        }
    }

    /** A link that only delays: {@code latency} each way, no jitter, unlimited bandwidth, no loss. */
    public static LinkProfile of(Distribution latency) {
        return new LinkProfile(latency, null, Double.POSITIVE_INFINITY, 0.0);
    }

    /** A constant one-way latency, nothing else. */
    public static LinkProfile constant(double latencySeconds) {
        return of(Distribution.constant(latencySeconds));
    }

    /** Same host or rack: 0.1 ms, 1 Gbps. */
    public static LinkProfile local() {
        return new LinkProfile(Distribution.constant(0.0001), null, GBPS, 0.0);
    }

    /** Within a datacenter: 0.5 ms + 0.1 ms jitter (constant), 10 Gbps. */
    public static LinkProfile datacenter() {
        return new LinkProfile(Distribution.constant(0.0005), Distribution.constant(0.0001), 10 * GBPS, 0.0);
    }

    /** Between regions: 50 ms + Exp(5 ms), 1 Gbps, 0.01% loss. */
    public static LinkProfile crossRegion() {
        return new LinkProfile(Distribution.constant(0.050), Distribution.exponential(0.005), GBPS, 0.0001);
    }

    /** Over the public internet: 100 ms + Exp(20 ms), 100 Mbps, 0.1% loss. */
    public static LinkProfile internet() {
        return new LinkProfile(Distribution.constant(0.100), Distribution.exponential(0.020), 100 * MBPS, 0.001);
    }

    /** A geostationary satellite hop: 600 ms + Exp(50 ms), 10 Mbps, 0.5% loss. */
    public static LinkProfile satellite() {
        return new LinkProfile(Distribution.constant(0.600), Distribution.exponential(0.050), 10 * MBPS, 0.005);
    }

    /** A 3G phone: 100 ms + Exp(30 ms), 2 Mbps, 0.5% loss. */
    public static LinkProfile mobile3g() {
        return new LinkProfile(Distribution.constant(0.100), Distribution.exponential(0.030), 2 * MBPS, 0.005);
    }

    /** A 4G phone: 50 ms + Exp(15 ms), 20 Mbps, 0.1% loss. */
    public static LinkProfile mobile4g() {
        return new LinkProfile(Distribution.constant(0.050), Distribution.exponential(0.015), 20 * MBPS, 0.001);
    }

    /** A link that loses {@code loss} of its messages: 10 ms, 100 Mbps. */
    public static LinkProfile lossy(double loss) {
        return lossy(loss, 0.010);
    }

    public static LinkProfile lossy(double loss, double baseLatencySeconds) {
        return new LinkProfile(Distribution.constant(baseLatencySeconds), null, 100 * MBPS, loss);
    }

    /** A slow link: the given latency at 1 Mbps. */
    public static LinkProfile slow(double latencySeconds) {
        return slow(latencySeconds, MBPS);
    }

    public static LinkProfile slow(double latencySeconds, double bandwidthBps) {
        return new LinkProfile(Distribution.constant(latencySeconds), null, bandwidthBps, 0.0);
    }

    /**
     * This profile made worse: every message {@code extraLatencySeconds} later and
     * {@code extraLoss} more likely to be lost (capped at 1) — a standing degradation, where a
     * fault that comes and goes uses {@link Link#setExtraLatency} instead.
     */
    public LinkProfile degraded(double extraLatencySeconds, double extraLoss) {
        if (!(extraLatencySeconds >= 0) || Double.isInfinite(extraLatencySeconds)) {
            throw new IllegalArgumentException("extra latency must be non-negative and finite, got " + extraLatencySeconds);
        }
        if (!(extraLoss >= 0 && extraLoss <= 1)) {
            throw new IllegalArgumentException("extra loss must be in [0, 1], got " + extraLoss);
        }
        return new LinkProfile(shifted(latency, extraLatencySeconds), jitter, bandwidthBps, Math.min(1.0, loss + extraLoss));
    }

    public LinkProfile withJitter(Distribution jitter) {
        return new LinkProfile(latency, jitter, bandwidthBps, loss);
    }

    public LinkProfile withBandwidth(double bandwidthBps) {
        return new LinkProfile(latency, jitter, bandwidthBps, loss);
    }

    public LinkProfile withLoss(double loss) {
        return new LinkProfile(latency, jitter, bandwidthBps, loss);
    }

    /** Nanoseconds to put {@code bytes} on the wire: 8·bytes/bandwidth. */
    public long serialisationNanos(long bytes) {
        if (bytes <= 0 || Double.isInfinite(bandwidthBps)) {
            return 0L;
        }
        return Math.round(8.0 * bytes * 1e9 / bandwidthBps);
    }

    /** The mean one-way delay of a message of {@code bytes}, in seconds: what a round trip adds twice. */
    public double meanDelaySeconds(long bytes) {
        return latency.mean() + jitter.mean() + serialisationNanos(bytes) / 1e9;
    }

    private static Distribution shifted(Distribution base, double by) {
        if (by == 0) {
            return base;
        }
        return new Distribution() {
            @Override
            public double sample(SplittableRandom random) {
                return base.sample(random) + by;
            }

            @Override
            public double mean() {
                return base.mean() + by;
            }

            @Override
            public String toString() {
                return base + " + " + by;
            }
        };
    }
}
