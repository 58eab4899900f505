package org.farmersmarket.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SchemaTables;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The shape of the migrated schema, read from PostgreSQL's catalog rather than listed by hand where possible. */
@MigratedDatabase
class SchemaTest {

    /** In the order information_schema lists them below: by name. */
    private static final List<String> TABLES =
            SchemaTables.ALL.stream().sorted().toList();

    @Test
    void migrations_createTheDomainTables(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            List<String> tables = Sql.queryStrings(
                    connection,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                            + " AND table_type = 'BASE TABLE' AND table_name <> 'farmers_market_schema_history'"
                            + " ORDER BY table_name");
            assertThat(tables).containsExactlyElementsOf(TABLES);
        }
    }

    @Test
    void everyForeignKey_isCoveredByAnIndexStartingWithItsColumns(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            List<String> uncovered = Sql.queryStrings(connection, """
                    SELECT c.conrelid::regclass || '.' || c.conname
                    FROM pg_constraint c
                    WHERE c.contype = 'f'
                      AND c.connamespace = 'public'::regnamespace
                      AND NOT EXISTS (
                        SELECT 1 FROM pg_index i
                        WHERE i.indrelid = c.conrelid
                          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)
                    ORDER BY 1
                    """);
            int foreignKeys = Sql.queryOne(
                    connection,
                    "SELECT count(*)::int FROM pg_constraint WHERE contype = 'f'"
                            + " AND connamespace = 'public'::regnamespace",
                    Integer.class);
            assertThat(foreignKeys).isGreaterThanOrEqualTo(24);
            assertThat(uncovered).isEmpty();
        }
    }

    @Test
    void everyForeignKey_declaresItsOnDeleteRule(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            List<String> leftAtDefault = Sql.queryStrings(
                    connection,
                    "SELECT conrelid::regclass || '.' || conname FROM pg_constraint"
                            + " WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
                            + " AND confdeltype = 'a' ORDER BY 1");
            assertThat(leftAtDefault).isEmpty();
        }
    }

    @Test
    void everyTableWithUpdatedAt_hasTheUpdatedAtTrigger(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            List<String> missing = Sql.queryStrings(connection, """
                    SELECT col.table_name FROM information_schema.columns col
                    WHERE col.table_schema = 'public' AND col.column_name = 'updated_at'
                      AND NOT EXISTS (
                        SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                        WHERE t.tgrelid = ('public.' || col.table_name)::regclass AND p.proname = 'set_updated_at')
                    """);
            assertThat(missing).isEmpty();
        }
    }

    @Test
    void everyPrimaryKey_isAUuidWithADatabaseDefault(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            List<String> offenders = Sql.queryStrings(
                    connection,
                    "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public'"
                            + " AND column_name = 'id' AND table_name <> 'farmers_market_schema_history'"
                            + " AND (data_type <> 'uuid' OR column_default IS NULL)");
            int tablesWithId = Sql.queryOne(
                    connection,
                    "SELECT count(*)::int FROM information_schema.columns WHERE table_schema = 'public'"
                            + " AND column_name = 'id'",
                    Integer.class);
            assertThat(tablesWithId).isEqualTo(TABLES.size());
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void instantsAndMoney_useTimestamptzAndNumeric(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            List<String> offenders = Sql.queryStrings(connection, """
                    SELECT table_name || '.' || column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name <> 'farmers_market_schema_history'
                      AND (data_type IN ('timestamp without time zone', 'real', 'double precision', 'money')
                        OR (data_type = 'numeric' AND (numeric_precision, numeric_scale) <> (12, 2)
                            -- The one numeric that is not money: an average of 1-5 star ratings (V19).
                            AND (table_name, column_name) <> ('products', 'rating_average')))
                    """);
            assertThat(offenders).isEmpty();
        }
    }
}
