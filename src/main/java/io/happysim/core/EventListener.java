package io.happysim.core;

/** Told about every processed event, after its handler ran and its new events were scheduled. */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event processed);
}
