package org.farmersmarket.db.internal.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Objects;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The move of this library's migration history out of Flyway's default table; see
 * {@link FlywayMigrations#adoptLegacyHistory}.
 */
final class LegacyHistory {

    private LegacyHistory() {}

    /** Whether {@link #adopt} would move rows: the old table holds this library's scripts, the new one is missing. */
    static boolean pending(Flyway flyway) throws SQLException {
        String[] scripts = scripts(flyway);
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            String schema = legacySchema(connection, flyway);
            if (schema == null) {
                return false;
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT FROM " + quote(schema)
                    + "." + FlywayMigrations.LEGACY_HISTORY_TABLE + " WHERE script = ANY (?))")) {
                statement.setArray(1, connection.createArrayOf("text", scripts));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() && rows.getBoolean(1);
                }
            }
        }
    }

    /** The schema Flyway works in, when it has the old history table and not yet the new one; else null. */
    private static String legacySchema(Connection connection, Flyway flyway) throws SQLException {
        String schema = schema(connection, flyway.getConfiguration().getDefaultSchema());
        boolean legacy = schema != null
                && exists(connection, schema, FlywayMigrations.LEGACY_HISTORY_TABLE)
                && !exists(connection, schema, Migrations.HISTORY_TABLE);
        return legacy ? schema : null;
    }

    private static String[] scripts(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getScript)
                .filter(Objects::nonNull)
                .toArray(String[]::new);
    }

    static boolean adopt(Flyway flyway) throws SQLException {
        String[] scripts = scripts(flyway);
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            String schema = legacySchema(connection, flyway);
            if (schema == null) {
                return false;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                boolean moved = move(connection, quote(schema), scripts);
                connection.commit();
                return moved;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean move(Connection connection, String schema, String[] scripts) throws SQLException {
        String legacy = schema + "." + FlywayMigrations.LEGACY_HISTORY_TABLE;
        String adopted = schema + "." + Migrations.HISTORY_TABLE;
        // Ours: our scripts' rows, and the marker Flyway writes when it created the schema for them.
        String ours = " WHERE script = ANY (?) OR type = 'SCHEMA'";
        Array names = connection.createArrayOf("text", scripts);
        try (Statement statement = connection.createStatement()) {
            // Nothing else may write either table while the rows move.
            statement.execute("LOCK TABLE " + legacy + " IN EXCLUSIVE MODE");
            statement.execute("CREATE TABLE " + adopted + " (LIKE " + legacy + " INCLUDING ALL)");
        }
        int moved;
        try (PreparedStatement copy =
                connection.prepareStatement("INSERT INTO " + adopted + " SELECT * FROM " + legacy + ours)) {
            copy.setArray(1, names);
            moved = copy.executeUpdate();
        }
        if (moved == 0) {
            // The old table is an application's own: leave it alone, and let Flyway create ours.
            connection.rollback();
            return false;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + legacy + ours)) {
            delete.setArray(1, names);
            delete.executeUpdate();
        }
        try (Statement statement = connection.createStatement();
                ResultSet left = statement.executeQuery("SELECT count(*) FROM " + legacy)) {
            left.next();
            if (left.getLong(1) == 0) {
                statement.execute("DROP TABLE " + legacy);
            }
        }
        return true;
    }

    /** The schema Flyway works in: the configured one, else the connection's current schema. */
    static String schema(Connection connection, String configured) throws SQLException {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try (Statement statement = connection.createStatement();
                ResultSet current = statement.executeQuery("SELECT current_schema()")) {
            return current.next() ? current.getString(1) : null;
        }
    }

    static boolean exists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT to_regclass(format('%I.%I', ?::text, ?::text)) IS NOT NULL")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
