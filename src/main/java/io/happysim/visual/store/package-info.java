/**
 * The history store: every event, log line and sample of every run in one SQLite file, read back paged, filtered,
 * searched, downsampled and exported. Plain JDBC over a {@code DataSource}; no Jakarta, no engine imports.
 *
 * <p>This package is the public face: {@link io.happysim.visual.store.StoredRuns} (the runs of a file: start, list,
 * open, finish, delete, retention, the plain-SQLite export), {@link io.happysim.visual.store.VisualStore} (one run's
 * history),
 * {@link io.happysim.visual.store.Batch} (what one drain writes), the queries ({@code EventQuery}, {@code LogQuery},
 * {@code Direction}, {@code LogLevel}, {@code Transform}), the answers ({@code Page}, {@code AroundPage},
 * {@code EventCount}, {@code RecordedEvent}, {@code RecordedLog}, {@code SeriesData}, {@code StoreStats}), the runs'
 * records ({@code RunStart}, {@code RunFinish}, {@code RunRecord}, {@code Retention}), the sinks of streamed reads
 * ({@code ChunkSink}, {@code SampleSink}), the sizes it works with ({@code StoreLimits}) and its exceptions. Nothing outside it imports the machinery
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
 *   <tr><td>{@code internal.runs}</td><td>the catalog of runs, a run's size, dropping a run and giving its pages back</td></tr>
 *   <tr><td>{@code internal.export}</td><td>a run as a plain SQLite file in the seed design's row schema</td></tr>
 * </table>
 *
 * <h2>Runs</h2>
 * Every run has its own copy of the history tables ({@code r<id>_event_blocks} …) and a row in {@code runs}. A run is
 * therefore written, read, counted and dropped exactly as a single history was, and the current run's appends, pages
 * and charts do not see the other runs at all (they are other B-trees of the same file). Deleting a run drops its
 * tables (their pages go to the free list) and, in a file made with incremental auto-vacuum (every new file), gives the
 * pages back to the file system in steps of 1024 pages, each its own short transaction, so the recording's appends go
 * on in between. Every writer of the file takes one fair write turn ({@code WriteGate}).
 *
 * <h2>Design</h2>
 * Row-per-event storage cannot meet the targets on this hardware: sqlite-jdbc spends 1.3–2 µs per inserted row
 * (bindings are one JNI call each), so 250 k events alone take 0.35–0.5 s, and the seed schema's indexes double that;
 * on the read side a rare-type page, an exact filtered count or a p99 per bucket is a scan of millions of rows. The
 * store therefore packs rows and keeps small summaries:
 * <ul>
 *   <li><b>Events and logs are packed in blocks of 4096 rows</b> ({@code internal.journal}). Ids are 1-based and
 *       gap-free, so row {@code id} lives in block {@code (id-1)/4096} at offset {@code (id-1)%4096} — no index needed.
 *       A block is one row in each of three tables: {@code *_blocks} (summary + the packed kind ids and times),
 *       {@code *_text} (the texts: contexts, below, or wall time + message) and {@code *_grams} (a bloom filter of the
 *       block's lower-cased searchable 1/2/3-grams). The last, partial block is rewritten by every append. An append of
 *       250 k events writes ~60 block rows instead of 250 k rows.</li>
 *   <li><b>Kinds</b> ({@code internal.dictionary}). The categorical columns of a row — (type, target, source, internal,
 *       context <em>shape</em>, below) for events, (level, logger) for logs — are dictionary-encoded twice: names →
 *       {@code names.id}, then the whole tuple → one <em>kind</em> id ({@code event_kinds}, {@code log_kinds}). A bursty
 *       M/M/1 run has a few dozen kinds. Every filter except text and time is a set of kinds.</li>
 *   <li><b>Palettes</b> (per block: how many rows of each kind, in order of first appearance) are stored in
 *       {@code *_blocks.palette}; every 64 sealed blocks are summed into a <em>segment</em> (per-kind counts, time
 *       range), stored with its blocks' summaries and palettes in a {@code *_segments} row by the append that seals its
 *       last block. Memory keeps every segment, each sealed block's time range and flags (24 bytes), and the palettes of
 *       the incomplete segment only: a block's palette is read with its segment's (through the block cache) when a query
 *       needs it — a filter that only asks whether some kind of a block may match takes its segment's kinds instead. An
 *       exact total is a sum over segments and the remaining palettes, plus decoding the ≤ 2 blocks that a time range
 *       cuts. Time ranges map to blocks by each block's {@code [t_min, t_max]}. Pages skip segments and blocks without a
 *       match and decode only blocks that hold one; {@code around_time} finds its block by {@code t_max}
 *       ({@code internal.paging}).</li>
 *   <li><b>Contexts are stored as shape + digits.</b> A context's <em>shape</em> is its text with every run of ASCII
 *       digits replaced by one {@code 0} — {@code {"created_at":0.0,"request_id":0,"metadata":{},"id":"0"}} — kept once in
 *       the {@code shapes} dictionary and made part of the event's kind; the block keeps only the digit runs, four bits
 *       per digit. A block also stores each distinct context once (an M/M/1 request's context is shared by its ~5
 *       events) and per row a reference to it. Contexts that are not pure ASCII or longer than 2 048 characters, and new
 *       shapes once the dictionary is full (4 096 shapes or 1 M characters), are stored verbatim (shape id 1). Shapes
 *       hold no digit, so a {@code 0} in a shape is a slot.</li>
 *   <li><b>Text search</b> ({@code internal.search}; case-insensitive substring, exactly
 *       {@code lower(text).contains(lower(term))}): names (type, target, source, logger) through the dictionary → kinds;
 *       the event id in decimal by arithmetic ({@code DigitMatcher}: id = P·10⁴+S, a table over S and ≤ 3 intervals per
 *       P); contexts by their shape and digits:
 *       <ul>
 *         <li>a term <b>without a digit</b> can only lie inside one literal of a shape, so it is decided once per shape:
 *             {@code metadata}, {@code request_id}, {@code "id":"}, {@code ,"request} become a set of kinds whose exact
 *             total is a sum of per-kind counts, like a type filter (no block is read: 0.2 ms at 10 M events, 1 ms on
 *             the 28 M-event bursty-mm1-long);</li>
 *         <li>a term <b>with digits</b> ({@code 4711}, {@code "request_id":42,}, {@code slow-path-12345}) concerns only
 *             the shapes that contain all its non-digit parts; blocks whose n-gram filter admits the term are read
 *             (their packed digits and row references, ~20 KB per 4096 events of the benchmark instead of ~80 KB of
 *             JSON), the term's longest digit run is searched in the packed digits (as byte pairs at both nibble
 *             alignments), and each hit's context is confirmed by re-assembling it (a term that is all digits needs no
 *             confirmation). Those blocks are scanned by the calling thread and one helper thread — from the executor
 *             the store's owner hands in (in the server a managed thread), on a connection of its own, in a read
 *             transaction of the same generation, never under the writer's lock; the caller does whatever the helper
 *             has not got to;</li>
 *         <li>verbatim contexts are lower-cased and searched as text.</li>
 *       </ul>
 *       Per-block match counts of sealed blocks are cached per (search, filters), so the next pages and the next total
 *       of the same search cost only the tail block. A page asked for without its total ({@code EventQuery.total(false)})
 *       stops at its last row: the texts of the blocks ahead are computed on two threads in growing steps, so a
 *       first-time search's first page reads the blocks up to its last row, not every block that may match. Log messages are UTF-8 texts, searched with one {@code indexOf} per
 *       block whose n-gram filter admits the term.</li>
 *   <li><b>Series</b> ({@code internal.series}) are stored in chunks of 512 samples ({@code sample_chunks}, one row per
 *       chunk: summary + packed samples). Chunk summaries (first, last, min, max with their times) are kept in memory
 *       (~90 bytes per 512 samples) and stored packed, 256 chunks to a {@code chunk_summaries} row. <b>M4</b> merges whole chunks that fall inside one slice and decodes only chunks cut
 *       by a slice boundary, so its cost is bounded by the number of slices, not the series length.</li>
 *   <li><b>Bucket transforms</b> (§3.10 of the reference, exactly): small ranges (≤ 65 536 samples) are bucketed
 *       directly from raw samples. For larger ones the (series, transform, window) <em>bucket series</em> is
 *       materialised — backfilled once from raw samples (in pieces of ~256 k samples, each cut where a bucket starts,
 *       claimed in order by the caller and the scan helper; the times decoded, the values read only where the transform
 *       needs them; a bucket's percentile picked by selection, not by sorting it), or
 *       from the first sample on if the session calls {@code prepareBuckets} when a chart is defined — and then
 *       maintained at every append: a bucket closes when a
 *       sample falls into a later bucket. It is an ordinary stored series whose "time" is the bucket index, so M4 over
 *       it is the same code. A query {@code [start, end)} takes the interior buckets from it and recomputes the two edge
 *       buckets (cut by the range) and the still-open last bucket from raw samples, so answers are exact at any scale,
 *       not approximations.</li>
 *   <li><b>One writer, lock-free readers</b> ({@code internal.snapshot}). {@code append}, {@code clear} and
 *       materialisation take a writer lock and run one transaction; in-memory summaries are changed only after the
 *       commit and published as an immutable snapshot (volatile swap). A reader takes the current snapshot, opens one
 *       read transaction (WAL: never waits for the writer) and reads only what its snapshot describes (a tail block
 *       rewritten since is truncated to the snapshot's row count). A failed append rolls back, leaves memory as it was
 *       and throws {@code StoreException}; the caller retries the same batch. Batches whose ids do not continue the
 *       stored ones (gap or duplicate) are refused before anything is written.</li>
 *   <li>Decoded sealed blocks (48 MiB per journal) and sample chunks (4096 chunks ≈ 32 MiB) are cached, least recently
 *       used out, in one cache abstraction ({@code internal.cache}) sized by the {@code StoreLimits} the owner hands
 *       in. A new database gets 16 KiB pages (block blobs are read ~3× faster than with 4 KiB pages).</li>
 *   <li>{@code clear()} deletes whole tables in one transaction (fast: ~60 rows per 250 k events), empties the caches
 *       and bumps a generation number that makes concurrent readers retry on the new snapshot. Reopening a file reads the
 *       stored summaries ({@code *_segments}, {@code chunk_summaries}) and the block and chunk rows after them, not the
 *       history (≈ 0.2 s at 100 M events; before schema 4 every block and chunk row was read: ≈ 2 s). A file of schema 3
 *       is upgraded in place: each run's first open rebuilds and stores its summaries.</li>
 * </ul>
 * The README's "History store" section has the numbers' sources, the schema and the packed formats.
 */
package io.happysim.visual.store;
