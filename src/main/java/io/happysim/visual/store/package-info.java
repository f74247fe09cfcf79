/**
 * The history store: every event, log line and sample of a run in one SQLite file, read back paged, filtered,
 * searched and downsampled. Plain JDBC over a {@code DataSource}; no Jakarta, no engine imports.
 *
 * <p>This package is the public face: {@link io.happysim.visual.store.VisualStore} (the one entry point),
 * {@link io.happysim.visual.store.Batch} (what one drain writes), the queries ({@code EventQuery}, {@code LogQuery},
 * {@code Direction}, {@code LogLevel}, {@code Transform}), the answers ({@code Page}, {@code AroundPage},
 * {@code EventCount}, {@code RecordedEvent}, {@code RecordedLog}, {@code SeriesData}, {@code StoreStats}), the sizes it
 * works with ({@code StoreLimits}) and its exceptions. Nothing outside it imports the machinery
 * ({@code ArchitectureTest}), which lives in {@code internal} packages named for what they hold:
 *
 * <table>
 *   <caption>The store's internal packages, bottom up</caption>
 *   <tr><th>package</th><th>holds</th></tr>
 *   <tr><td>{@code internal.schema}</td><td>the SQLite file: tables and views, {@code store_meta}, other schema
 *       versions, page size, one connection per operation, the varint codec, seconds ↔ nanoseconds</td></tr>
 *   <tr><td>{@code internal.cache}</td><td>the one bounded cache (decoded blocks, decoded chunks, search counts)</td></tr>
 *   <tr><td>{@code internal.dictionary}</td><td>names, context shapes (and the digit runs a context is stored as),
 *       row kinds</td></tr>
 *   <tr><td>{@code internal.journal}</td><td>the block journal of events and of logs: block format (encode, decode),
 *       the open tail, palettes, segments, the n-gram filters, a query's block reads</td></tr>
 *   <tr><td>{@code internal.search}</td><td>filters and text search: compiling a query, the term, digit and nibble
 *       matching, matching a block's texts, the parallel scan, per-search counts</td></tr>
 *   <tr><td>{@code internal.paging}</td><td>counting and paging a filtered journal: totals, pages by cursor or around
 *       a time, event and log pages, cursors</td></tr>
 *   <tr><td>{@code internal.series}</td><td>sample chunks, M4 downsampling, bucket transforms and bucket series</td></tr>
 *   <tr><td>{@code internal.snapshot}</td><td>the one writer (open, append, clear) and the snapshots readers see</td></tr>
 * </table>
 *
 * <h2>Design</h2>
 * Row-per-event storage cannot meet the targets on this hardware: sqlite-jdbc spends 1.3–2 µs per inserted row
 * (bindings are one JNI call each), so 250 k events alone take 0.35–0.5 s, and the seed schema's indexes double that; on
 * the read side a rare-type page, an exact filtered count or a p99 per bucket is a scan of millions of rows. The store
 * therefore packs rows and keeps small summaries:
 * <ul>
 *   <li><b>Events and logs are packed in blocks</b> of 4096 rows; ids are 1-based and gap-free, so id → (block,
 *       offset) is arithmetic. A block is one row in each of three tables ({@code *_blocks}, {@code *_text},
 *       {@code *_grams}); the last, partial block is rewritten by every append ({@code internal.journal}).</li>
 *   <li><b>Kinds</b>: a row's categorical columns are dictionary-encoded twice — names → ids, then the whole tuple →
 *       one kind id. Every filter except text and time is a set of kinds ({@code internal.dictionary}).</li>
 *   <li><b>Palettes and segments</b>: per block, how many rows of each kind; every 64 sealed blocks summed into a
 *       segment. An exact total is a sum over segments and palettes plus decoding the ≤ 2 blocks a time range cuts;
 *       pages skip what has no match ({@code internal.paging}).</li>
 *   <li><b>Contexts are stored as shape + digits</b>: the text with every digit run replaced by {@code 0}, kept once
 *       in a dictionary and made part of the event's kind, plus the packed digits; each distinct context once per
 *       block.</li>
 *   <li><b>Text search</b> (exactly {@code lower(text).contains(lower(term))}): names through the dictionary, the id
 *       in decimal by arithmetic, a term without a digit decided once per shape (counted like a type filter), a term
 *       with digits by scanning the packed digits of the blocks whose n-gram filter admits it, on the caller's thread
 *       and a helper's; per-block counts of sealed blocks cached per search ({@code internal.search}).</li>
 *   <li><b>Series</b> in chunks of 512 samples with in-memory chunk summaries: M4 merges whole chunks inside a slice
 *       and decodes only chunks cut by a slice boundary. <b>Bucket transforms</b> over large ranges come from bucket
 *       series materialised once and maintained at append, with the edge buckets recomputed exactly from raw samples
 *       ({@code internal.series}).</li>
 *   <li><b>One writer, lock-free readers</b>: append, clear and materialisation take a writer lock and run one
 *       transaction; memory changes only after the commit and is published as an immutable snapshot. A reader takes
 *       the current snapshot, opens one read transaction (WAL: never waits for the writer) and reads only what its
 *       snapshot describes; a clear bumps a generation that makes concurrent readers retry ({@code internal.snapshot}).</li>
 * </ul>
 * The README's "History store" section has the schema, the packed formats and the numbers.
 */
package io.happysim.visual.store;
