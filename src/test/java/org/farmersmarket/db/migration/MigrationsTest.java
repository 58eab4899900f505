package org.farmersmarket.db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public migration entry point, on empty databases of the test server. */
@MigratedDatabase
class MigrationsTest {

    private static final Path MIGRATIONS = Path.of("migrations");

    private TestDatabase server;
    private DataSource empty;

    @BeforeEach
    void createEmptyDatabase(TestDatabase db) {
        server = db;
        empty = db.createEmptyDatabase();
    }

    @AfterEach
    void dropEmptyDatabase() {
        server.drop(empty);
    }

    @Test
    void migrate_onEmptyDatabase_appliesEveryPackagedMigration() throws IOException {
        MigrationResult result = Migrations.migrate(empty);

        assertThat(result.migrationsApplied()).isEqualTo(countScripts(MIGRATIONS));
        assertThat(result.schemaVersion()).isEqualTo(String.valueOf(countScripts(MIGRATIONS)));
    }

    @Test
    void migrate_twiceInARow_secondRunIsANoOp() {
        MigrationResult first = Migrations.migrate(empty);
        MigrationResult second = Migrations.migrate(empty);

        assertThat(first.migrationsApplied()).isPositive();
        assertThat(second.migrationsApplied()).isZero();
        assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion());
    }

    @Test
    void migrate_withBrokenMigration_failsNamingTheFileAndKeepsNothingOfIt(@TempDir Path location)
            throws IOException, SQLException {
        copyScripts(MIGRATIONS, location);
        Files.writeString(location.resolve("V99__broken_on_purpose.sql"), """
                CREATE TABLE half_done (id integer);
                ALTER TABLE products ADD COLUMN weight numeric(12, 2) NOT NULL DEFALT 0;
                """);

        assertThatThrownBy(() -> Migrations.migrate(empty, "filesystem:" + location))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("V99__broken_on_purpose.sql")
                .hasMessageContaining("syntax error at or near \"DEFALT\"");

        try (Connection connection = empty.getConnection()) {
            // PostgreSQL DDL is transactional: the failed script left no table behind.
            assertThat(Sql.queryOne(connection, "SELECT to_regclass('half_done') IS NULL", Boolean.class))
                    .isTrue();
            assertThat(Sql.queryOne(
                            connection,
                            "SELECT max(version::int) FROM flyway_schema_history WHERE success",
                            Integer.class))
                    .isEqualTo(countScripts(MIGRATIONS));
        }
    }

    @Test
    void migrate_withMissingLocation_failsNamingIt() {
        assertThatThrownBy(() -> Migrations.migrate(empty, "filesystem:/nonexistent/migrations"))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("/nonexistent/migrations");
    }

    @Test
    void migrate_afterAnAppliedScriptWasEdited_failsValidationNamingIt(@TempDir Path location) throws IOException {
        copyScripts(MIGRATIONS, location);
        Migrations.migrate(empty, "filesystem:" + location);
        Files.writeString(
                location.resolve("V5__biodynamic_calendar.sql"),
                "\n-- edited\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Migrations.migrate(empty, "filesystem:" + location))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("5");
    }

    private static int countScripts(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return (int) files.filter(file -> file.getFileName().toString().endsWith(".sql"))
                    .count();
        }
    }

    private static void copyScripts(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
