package io.happysim.instrumentation;

import java.util.Map;

/** An entity that records time series: each {@link Data} under a name unique in the simulation. */
public interface SeriesOwner {
    /** Series by name, e.g. {@code Probe_Server_depth} for a probe, {@code Sink.latency} for a sink. */
    Map<String, Data> series();
}
