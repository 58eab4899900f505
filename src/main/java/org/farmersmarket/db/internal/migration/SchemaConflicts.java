package org.farmersmarket.db.internal.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.farmersmarket.db.jooq.Public;
import org.farmersmarket.db.migration.MigrationConflictException;
import org.farmersmarket.db.migration.MigrationFailedException;
import org.farmersmarket.db.migration.Migrations;
import org.flywaydb.core.Flyway;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The check before a first migration: the objects the migrations create must not exist yet. Without it, a schema that
 * holds, say, a table named {@code products} gets V1 applied (V1 touches no {@code products}) and fails at V2, half
 * migrated. The names come from the generated classes, which are the schema the migrations build.
 */
final class SchemaConflicts {

    private SchemaConflicts() {}

    /**
     * Throws when {@code flyway} is about to apply the first migration into a schema that already has objects of
     * the names the migrations create; does nothing once this library's history exists.
     *
     * @throws MigrationConflictException naming every object in the way
     */
    static void refuse(Flyway flyway) {
        if (Arrays.stream(flyway.info().pending())
                .noneMatch(migration -> migration.getVersion() != null
                        && migration.getVersion().getVersion().equals("1"))) {
            return;
        }
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            String schema =
                    LegacyHistory.schema(connection, flyway.getConfiguration().getDefaultSchema());
            if (schema == null || LegacyHistory.exists(connection, schema, Migrations.HISTORY_TABLE)) {
                return;
            }
            List<String> conflicts = existing(connection, schema);
            if (!conflicts.isEmpty()) {
                throw new MigrationConflictException(schema, conflicts);
            }
        } catch (SQLException e) {
            throw new MigrationFailedException("Cannot check schema for conflicting objects: " + e.getMessage(), e);
        }
    }

    private static List<String> existing(Connection connection, String schema) throws SQLException {
        Array names = connection.createArrayOf("text", created().toArray());
        // Relations (tables, indexes, sequences, views, standalone composite types) and types other than a
        // relation's own row type: CREATE TABLE, INDEX, SEQUENCE or TYPE fails on either.
        String sql = """
                SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'i' THEN 'index'
                           WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
                           WHEN 'm' THEN 'materialized view' WHEN 'c' THEN 'type' ELSE 'relation' END
                       || ' ' || c.relname
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ANY (?)
                UNION
                SELECT 'type ' || t.typname
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ? AND t.typname = ANY (?) AND t.typrelid = 0
                ORDER BY 1
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setArray(2, names);
            statement.setString(3, schema);
            statement.setArray(4, names);
            List<String> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    /** Every name the migrations create: tables, their indexes and keys, sequences, enum types. */
    private static Set<String> created() {
        Set<String> names = new TreeSet<>();
        for (Table<?> table : Public.PUBLIC.getTables()) {
            names.add(table.getName());
            table.getIndexes().forEach(index -> names.add(index.getName()));
            table.getKeys().forEach(key -> names.add(key.getName()));
            for (Field<?> field : table.fields()) {
                Class<?> type = field.getDataType().getType();
                if (type.isEnum() && EnumType.class.isAssignableFrom(type)) {
                    names.add(((EnumType) type.getEnumConstants()[0]).getName());
                }
            }
        }
        Public.PUBLIC.getSequences().forEach(sequence -> names.add(sequence.getName()));
        return names;
    }
}
