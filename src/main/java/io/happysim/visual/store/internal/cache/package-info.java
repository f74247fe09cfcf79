/**
 * The store's one cache abstraction: {@code BoundedCache}, a least-recently-used map bounded by the summed weight of
 * its values (bytes, or entries), admitting a value on its first or its second request. Each store makes its own
 * caches from its {@code StoreLimits}: decoded blocks per journal, decoded sample chunks, recent searches' counts.
 */
package io.happysim.visual.store.internal.cache;
