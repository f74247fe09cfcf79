package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.journal.BlockDecoder;
import io.happysim.visual.store.internal.journal.BlockReads;
import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.JournalView;
import io.happysim.visual.store.internal.journal.Texts;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.Tables;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;

/**
 * Computes the text matches of many sealed blocks on two threads: the calling query's (on its connection) and one
 * helper from the executor the store's owner handed in (on a connection of its own, in a read transaction of the same
 * generation — sealed blocks never change within one; never under the writer's lock). The blocks are cut into chunks
 * that either thread claims; whatever the helper has not finished, the caller does, so a busy, failing or absent
 * helper only costs time.
 */
public final class ParallelScan {
    /** Fewer blocks to scan than this are not worth a second thread. */
    static final int MIN_BLOCKS = 24;
    /** Blocks per claimed chunk. */
    static final int CHUNK_BLOCKS = 32;

    private final Executor helper;
    private final DataSource dataSource;
    private final Tables run;

    /**
     * @param helper     runs the helper's share (one thread is enough: the machine's other core); null = the caller
     *                   scans alone
     * @param dataSource where the helper gets its connection
     */
    public ParallelScan(Executor helper, DataSource dataSource, Tables run) {
        this.helper = helper;
        this.dataSource = dataSource;
        this.run = run;
    }

    /** Whether {@code blocks} blocks are worth scanning on two threads. */
    boolean worthIt(int blocks) {
        return helper != null && blocks >= MIN_BLOCKS;
    }

    /** The text matches of blocks {@code need[0..k)} (block indexes of the query's view), one bit set per block. */
    long[][] matches(BlockReads reads, int[] need, SearchTerm term) throws SQLException {
        int chunks = (need.length + CHUNK_BLOCKS - 1) / CHUNK_BLOCKS;
        Chunks scan = new Chunks(reads.view(), reads.generation(), need, chunks, term);
        reads.db().mapForScan();
        try {
            helper.execute(scan::help);
        } catch (RejectedExecutionException e) {
            // the owner is shutting down: the caller does all of it
        }
        int c;
        while ((c = scan.claim()) >= 0) {
            try {
                scan.run(c, reads.db());
            } finally {
                scan.release();
            }
        }
        scan.finish();
        for (int ch = 0; ch < chunks; ch++) {
            if (!scan.done[ch]) {
                scan.run(ch, reads.db());
            }
        }
        return scan.out;
    }

    /** The chunks of one parallel scan and who has claimed which. */
    private final class Chunks {
        final JournalView view;
        final long generation;
        final int[] need;
        final SearchTerm term;
        final long[][] out;
        final boolean[] done;
        final int chunks;
        private int next;
        private int busy;
        private boolean stopped;

        Chunks(JournalView view, long generation, int[] need, int chunks, SearchTerm term) {
            this.view = view;
            this.generation = generation;
            this.need = need;
            this.term = term;
            this.out = new long[need.length][];
            this.done = new boolean[chunks];
            this.chunks = chunks;
        }

        synchronized int claim() {
            if (stopped || next >= chunks) {
                return -1;
            }
            busy++;
            return next++;
        }

        synchronized void release() {
            busy--;
            notifyAll();
        }

        /** Stops handing out chunks and waits for the one the helper may be working on. */
        synchronized void finish() {
            stopped = true;
            while (busy > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        synchronized boolean isOver() {
            return stopped || next >= chunks;
        }

        /** The helper's share. */
        void help() {
            if (isOver()) {
                return;     // the caller has done everything already
            }
            // the connection first: a chunk is claimed only when it can be worked on at once
            try (Db hdb = new Db(dataSource.getConnection())) {
                if (hdb.generation(run) != generation) {
                    return;     // cleared since: leave the rest to the caller
                }
                hdb.mapForScan();
                int c;
                while ((c = claim()) >= 0) {
                    try {
                        run(c, hdb);
                    } finally {
                        release();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // the caller does what is left
            }
        }

        /** Computes one chunk (its results are published by the chunks' lock). */
        void run(int c, Db d) throws SQLException {
            int a = c * CHUNK_BLOCKS;
            int b = Math.min(need.length, a + CHUNK_BLOCKS);
            int lo = view.block(need[a]).blockNo();
            int hi = view.block(need[b - 1]).blockNo();
            if (hi - lo + 1 <= 2 * (b - a)) {
                BlockDecoder.readTextRange(d, view.format(), lo, hi, new RangeRows(a, b));   // dense enough: one query
            } else {
                for (int j = a; j < b; j++) {
                    BlockSummary bi = view.block(need[j]);
                    out[j] = term.matches(view.format(), bi, bi.n(), BlockDecoder.readTexts(d, view.format(), bi, bi.n(), view.shapes()), null,
                            view.format().firstId(bi.blockNo()));
                }
            }
            done[c] = true;
        }

        /** Matches the needed blocks among the rows of one range query, walking {@code need[a, b)} along. */
        private final class RangeRows implements BlockDecoder.TextRow {
            private final int b;
            private int j;

            RangeRows(int a, int b) {
                this.j = a;
                this.b = b;
            }

            @Override
            public boolean accept(int blockNo, byte[] offsets, byte[] text) {
                while (j < b && view.block(need[j]).blockNo() < blockNo) {
                    j++;
                }
                if (j < b && view.block(need[j]).blockNo() == blockNo) {
                    BlockSummary bi = view.block(need[j]);
                    Texts tx = BlockDecoder.texts(view.format(), bi.n(), offsets, text, view.shapes());
                    out[j] = term.matches(view.format(), bi, bi.n(), tx, null, view.format().firstId(bi.blockNo()));
                    j++;
                }
                return j < b;
            }
        }
    }
}
