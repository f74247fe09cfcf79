/**
 * One writer, lock-free readers. {@code HistoryWriter} is the store's only writer: it opens the file (schema, layout,
 * every summary rebuilt from it), appends batches, builds bucket series and clears, each under the writer lock in one
 * transaction, changes memory only after the commit and then publishes a new {@code Snapshot}. {@code SnapshotReads}
 * runs a read against the current snapshot in one read transaction of the same generation (retrying when a clear
 * moved the generation on). {@code ReadCaches} are the readers' caches, emptied with the history.
 */
package io.happysim.visual.store.internal.snapshot;
