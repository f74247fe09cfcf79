package io.happysim.visual.store.internal.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A database written by another version of the store (another {@code schema_version}) that cannot be upgraded
 * ({@link Upgrades}) cannot be read: its tables and views are dropped (the history in it is lost) so that the current
 * schema is created in their place.
 */
public final class OtherVersions {
    /** What was discarded, for the warning the store logs. */
    public record Discarded(String version, String path) {
        public String message() {
            return "The history database " + path + " was written by another version of happysim (history store schema " + version
                    + ", this version reads schema " + Schema.VERSION + "): its stored history cannot be read and is discarded; "
                    + "the file is recreated empty.";
        }
    }

    private record SchemaObject(String type, String name) {
    }

    private OtherVersions() {
    }

    /** Drops the file's tables and views when it holds another schema version, telling {@code warn} first. */
    public static void dropIfOther(Db db, Consumer<Discarded> warn) throws SQLException {
        try (Statement s = db.connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'")) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return;
                }
            }
            String version;
            try (ResultSet rs = s.executeQuery("SELECT value FROM store_meta WHERE key = '" + StoreMeta.SCHEMA_VERSION + "'")) {
                version = rs.next() ? rs.getString(1) : null;
            }
            if (Integer.toString(Schema.VERSION).equals(version) || Upgrades.upgrade(db, version)) {
                return;
            }
            warn.accept(new Discarded(version, DatabaseFile.pathQuietly(db.connection())));
            List<SchemaObject> objects = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    objects.add(new SchemaObject(rs.getString(1), rs.getString(2)));
                }
            }
            objects.sort((a, b) -> a.type().compareTo(b.type()) * -1);   // views first
            for (SchemaObject o : objects) {
                s.executeUpdate("DROP " + o.type().toUpperCase(Locale.ROOT) + " IF EXISTS \"" + o.name().replace("\"", "\"\"") + "\"");
            }
        }
        db.commit();
    }
}
