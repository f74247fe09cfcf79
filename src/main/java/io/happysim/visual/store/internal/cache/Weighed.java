package io.happysim.visual.store.internal.cache;

/** A value that knows about how many bytes of heap it holds, so a cache can be bounded in bytes. */
public interface Weighed {
    long bytes();
}
