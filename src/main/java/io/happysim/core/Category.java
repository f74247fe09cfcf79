package io.happysim.core;

/** What kind of node an entity is in the topology (the original's {@code classify}). */
public enum Category {
    SOURCE("source"),
    QUEUED_RESOURCE("queued_resource"),
    SINK("sink"),
    RATE_LIMITER("rate_limiter"),
    ROUTER("router"),
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
