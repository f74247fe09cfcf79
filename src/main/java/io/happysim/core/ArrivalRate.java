package io.happysim.core;

/** An entity that generates events at a known rate over time (sources and probes), so a load profile can be drawn. */
public interface ArrivalRate {
    /** Events per second this entity generates at {@code time}. */
    double rateAt(Instant time);
}
