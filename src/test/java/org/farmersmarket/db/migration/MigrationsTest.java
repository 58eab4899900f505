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
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.flywaydb.core.Flyway;
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
    void migrate_intoASchemaHoldingAnObjectOfTheSameName_refusesNamingIt_andAppliesNothing() throws SQLException {
        try (Connection connection = empty.getConnection()) {
            Sql.execute(connection, "CREATE TABLE products (id int PRIMARY KEY)");
            Sql.execute(connection, "CREATE TYPE order_status AS ENUM ('open')");
            Sql.execute(connection, "CREATE TABLE wishlist (id int)"); // an application's own: no conflict
        }

        assertThatThrownBy(() -> Migrations.migrate(empty))
                .isInstanceOfSatisfying(MigrationConflictException.class, e -> {
                    assertThat(e.schema()).isEqualTo("public");
                    assertThat(e.conflicts())
                            .containsExactly("index products_pkey", "table products", "type order_status");
                    assertThat(e.getMessage()).contains("table products").contains("Nothing was migrated");
                });
        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryStrings(connection, """
                            SELECT tablename FROM pg_tables WHERE schemaname = 'public'
                            AND tablename NOT IN ('products', 'wishlist')"""))
                    .as("tables the refused migration left")
                    .isEmpty();
        }
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
                            "SELECT max(version::int) FROM farmers_market_schema_history WHERE success",
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

    @Test
    void anApplicationsOwnMigrations_andTheLibrarys_runSideBySide_eachWithItsOwnHistory()
            throws IOException, SQLException {
        // The application's Flyway with its defaults, and the two settings the README asks for: the schema is no
        // longer empty when it first runs, so its history starts below its own V1.
        Flyway application = Flyway.configure()
                .dataSource(empty)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();

        MigrationResult library = Migrations.migrate(empty);
        int applicationApplied = application.migrate().migrationsExecuted;

        assertThat(library.migrationsApplied()).isEqualTo(countScripts(MIGRATIONS));
        assertThat(applicationApplied).as("the application's V1 and V7").isEqualTo(2);
        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryStrings(
                            connection, "SELECT script FROM flyway_schema_history WHERE type = 'SQL' ORDER BY 1"))
                    .containsExactly("V1__app_newsletter.sql", "V7__app_newsletter_topics.sql");
            assertThat(Sql.queryStrings(
                            connection, "SELECT script FROM farmers_market_schema_history ORDER BY installed_rank"))
                    .hasSize(countScripts(MIGRATIONS))
                    .allSatisfy(script -> assertThat(script).doesNotStartWith("V7__app"));
        }
        // Either side again, in either order: nothing pending, nothing refused.
        assertThat(application.migrate().migrationsExecuted).isZero();
        assertThat(Migrations.migrate(empty).migrationsApplied()).isZero();
        assertThat(application.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void theLibrarysMigrations_afterAnApplicationsOwn_stillApplyFromV1() throws IOException, SQLException {
        // The application's Flyway ran first, with all its defaults, into the empty schema.
        assertThat(Flyway.configure().dataSource(empty).load().migrate().migrationsExecuted)
                .isEqualTo(2);

        MigrationResult library = Migrations.migrate(empty);

        assertThat(library.migrationsApplied()).isEqualTo(countScripts(MIGRATIONS));
        assertThat(library.schemaVersion()).isEqualTo(String.valueOf(countScripts(MIGRATIONS)));
        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryOne(connection, "SELECT to_regclass('products') IS NOT NULL", Boolean.class))
                    .isTrue();
            assertThat(Sql.queryOne(
                            connection, "SELECT count(*) FROM flyway_schema_history WHERE type = 'SQL'", Long.class))
                    .as("the application's history keeps only its own")
                    .isEqualTo(2);
        }
    }

    @Test
    void aDatabaseMigratedIntoFlywaysDefaultHistory_isAdopted_withoutApplyingAnything() throws SQLException {
        // What versions before the own history table left: the library's rows in flyway_schema_history.
        FlywayMigrations.configure(empty, Migrations.CLASSPATH_LOCATION)
                .table("flyway_schema_history")
                .load()
                .migrate();

        MigrationResult result = Migrations.migrate(empty);

        assertThat(result.migrationsApplied()).isZero();
        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryOne(connection, "SELECT to_regclass('flyway_schema_history') IS NULL", Boolean.class))
                    .as("the emptied legacy table is gone")
                    .isTrue();
            assertThat(Sql.queryOne(
                            connection, "SELECT count(*) FROM farmers_market_schema_history WHERE success", Long.class))
                    .isEqualTo(countScripts(MIGRATIONS));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void adoptingTheLegacyHistory_leavesAnApplicationsOwnRowsWhereTheyAre() throws SQLException {
        // One shared flyway_schema_history, as an application that listed the library's location beside its own had.
        FlywayMigrations.configure(empty, Migrations.CLASSPATH_LOCATION)
                .table("flyway_schema_history")
                .load()
                .migrate();
        try (Connection connection = empty.getConnection()) {
            Sql.execute(connection, """
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                       installed_by, execution_time, success)
                    VALUES (100, '100', 'app report views', 'SQL', 'V100__app_report_views.sql', 1, 'app', 1, true)
                    """);
        }

        Migrations.migrate(empty);

        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryStrings(connection, "SELECT script FROM flyway_schema_history"))
                    .containsExactly("V100__app_report_views.sql");
            assertThat(Sql.queryStrings(connection, "SELECT script FROM farmers_market_schema_history"))
                    .doesNotContain("V100__app_report_views.sql")
                    .contains("V1__auth.sql");
        }
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
