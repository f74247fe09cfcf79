package io.happysim.visual.store.internal.paging;

/** Where a matching row lies: its id, the index of its block in the query's view, and its offset in the block. */
public record RowRef(long id, int block, int row) {
}
