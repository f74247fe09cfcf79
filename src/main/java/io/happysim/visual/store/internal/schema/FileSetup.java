package io.happysim.visual.store.internal.schema;

import io.happysim.visual.store.StoreException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Opening a history file, once for all its runs: a new file gets its page size and vacuum mode ({@link NewFile}), a
 * file of another schema version is emptied ({@link OtherVersions}), the settings and the catalog of runs are created
 * when missing, and the block sizes in force are settled ({@link StoreMeta}).
 */
public final class FileSetup {
    private FileSetup() {
    }

    /**
     * @param requested    block sizes for a new file
     * @param chunkSamples the sample chunk size of this version
     * @param onDiscarded  told when the file held another schema version, whose history is dropped
     * @return the block sizes of the file
     */
    public static StoreMeta.Layout open(DataSource dataSource, WriteGate gate, StoreMeta.Layout requested, int chunkSamples,
                                        Consumer<OtherVersions.Discarded> onDiscarded) {
        NewFile.prepare(dataSource);
        gate.lock();
        try (Db db = new Db(dataSource.getConnection())) {
            OtherVersions.dropIfOther(db, onDiscarded);
            StoreMeta.Layout layout;
            try (Statement s = db.connection().createStatement()) {
                Schema.createCatalog(s);
                layout = StoreMeta.settle(s, requested, chunkSamples);
            }
            db.commit();
            return layout;
        } catch (SQLException e) {
            throw new StoreException("cannot open the history store: " + e.getMessage(), e);
        } finally {
            gate.unlock();
        }
    }
}
