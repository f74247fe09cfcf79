package io.happysim.visual.store.internal.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of an older schema version that this one reads after adding what they lack, in place, keeping their history.
 * Schema 3 → 4: every run gains its summary tables ({@code <journal>_segments}, {@code chunk_summaries}), empty; a
 * run fills them from its block rows and sample chunks the first time it is opened (as every open did before), and
 * opens without reading those again from then on.
 */
public final class Upgrades {
    private Upgrades() {
    }

    /** Upgrades a file of {@code version} inside the open transaction and commits; false when it cannot be upgraded. */
    static boolean upgrade(Db db, String version) throws SQLException {
        if (!"3".equals(version)) {
            return false;
        }
        try (Statement s = db.connection().createStatement()) {
            List<Long> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM runs")) {
                while (rs.next()) {
                    runs.add(rs.getLong(1));
                }
            }
            for (long id : runs) {
                Schema.createRun(s, Tables.of(id));     // adds only the tables a run lacks
            }
            s.executeUpdate("UPDATE store_meta SET value = '" + Schema.VERSION + "' WHERE key = '" + StoreMeta.SCHEMA_VERSION + "'");
        }
        db.commit();
        return true;
    }
}
