package io.happysim.visual.store;

/**
 * One processed simulation event, as the bridge records it.
 *
 * @param eventId     1-based, gap-free, in processing order (assigned by the bridge)
 * @param timeNs      simulation time in nanoseconds; the wire shows {@code time_s = timeNs / 1e9}
 * @param eventType   the event's type name
 * @param targetName  the entity that handled it
 * @param sourceName  the entity whose handler produced it, or null
 * @param internal    an engine-internal event (source ticks, queue plumbing, probes)
 * @param contextJson the context as an already-serialised JSON object, or null when empty
 */
public record RecordedEvent(long eventId, long timeNs, String eventType, String targetName, String sourceName,
                            boolean internal, String contextJson) {
    public RecordedEvent {
        if (eventType == null || targetName == null) {
            throw new IllegalArgumentException("eventType and targetName are required (event " + eventId + ")");
        }
    }

    /** Simulation time in seconds, as the wire shows it. */
    public double timeS() {
        return timeNs / 1e9;
    }
}
