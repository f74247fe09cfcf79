package io.happysim.core;

/**
 * What kind of node an entity is in the topology (the original's {@code classify}); the debugger
 * colours nodes by it and knows nothing else about a component's class.
 */
public enum Category {
    SOURCE("source"),
    /** Sends requests and waits for replies: clients, pooled clients. */
    CLIENT("client"),
    QUEUED_RESOURCE("queued_resource"),
    SINK("sink"),
    RATE_LIMITER("rate_limiter"),
    ROUTER("router"),
    /** Wraps a target to protect the caller: circuit breakers, bulkheads, timeouts, fallbacks, hedges. */
    RESILIENCE("resilience"),
    /** Carries messages between entities: links, networks. */
    NETWORK("network"),
    /** Injects failures into the model: fault schedules. */
    FAULT("fault"),
    RESOURCE("resource"),
    PROBE("probe"),
    OTHER("other");

    private final String wireName;

    Category(String wireName) {
        this.wireName = wireName;
    }

    /** The name the debugger's wire contract uses, e.g. {@code queued_resource}. */
    public String wireName() {
        return wireName;
    }
}
