package io.happysim.visual.store;

/**
 * The sizes a {@link VisualStore} works with, handed in by its owner (tests use small blocks and a small shape
 * dictionary to reach block and dictionary edges with little data).
 *
 * @param eventBlockRows   events per block of a new database (a file keeps the size it was created with)
 * @param logBlockRows     log lines per block of a new database
 * @param blockCacheBytes  decoded sealed blocks each journal (events, logs) keeps in memory
 * @param chunkCacheChunks decoded sealed sample chunks (512 samples, ≈ 8 KiB each) kept in memory
 * @param maxShapes        context shapes the dictionary takes (two ids reserved) before storing contexts verbatim
 * @param backfillRound    sample chunks per round of building a bucket series on two threads: a round is cut into 4
 *                         pieces that the two threads claim, at most a round's worth ahead of the pieces written (their
 *                         buckets wait in memory until then)
 */
public record StoreLimits(int eventBlockRows, int logBlockRows, long blockCacheBytes, int chunkCacheChunks, int maxShapes,
                          int backfillRound) {
    public StoreLimits {
        if (eventBlockRows < 2 || logBlockRows < 2 || blockCacheBytes < 0 || chunkCacheChunks < 0 || maxShapes < 2 || backfillRound < 2) {
            throw new IllegalArgumentException("store limits out of range: blocks " + eventBlockRows + "/" + logBlockRows + " rows, "
                    + blockCacheBytes + " cache bytes, " + chunkCacheChunks + " cached chunks, " + maxShapes + " shapes, rounds of "
                    + backfillRound + " chunks");
        }
    }

    /**
     * What the server runs with: 4096-row blocks, 48 MiB of decoded blocks per journal, 4096 chunks (≈ 32 MiB), 4096
     * shapes, bucket series built in rounds of 2048 chunks (~1 M samples: the pieces waiting to be written hold a few MB).
     */
    public static StoreLimits defaults() {
        return new StoreLimits(4096, 4096, 48L << 20, 4096, 4096, 2048);
    }

    /**
     * What a past run's store gets: a quarter of the caches (a few past runs are open at once, beside the current run,
     * and a past run is read by one user, not recorded).
     */
    public StoreLimits forPastRun() {
        return new StoreLimits(eventBlockRows, logBlockRows, blockCacheBytes / 4, chunkCacheChunks / 4, maxShapes, backfillRound);
    }

    /** The same with other block sizes (for a new database). */
    public StoreLimits withBlockRows(int events, int logs) {
        return new StoreLimits(events, logs, blockCacheBytes, chunkCacheChunks, maxShapes, backfillRound);
    }

    /** The same with another size of the shape dictionary. */
    public StoreLimits withMaxShapes(int shapes) {
        return new StoreLimits(eventBlockRows, logBlockRows, blockCacheBytes, chunkCacheChunks, shapes, backfillRound);
    }

    /** The same with other rounds of building a bucket series (tests reach several rounds with little data). */
    public StoreLimits withBackfillRound(int chunks) {
        return new StoreLimits(eventBlockRows, logBlockRows, blockCacheBytes, chunkCacheChunks, maxShapes, chunks);
    }
}
