package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.PackagedMigrations;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** migrate, status, validate, repair and reset, end to end on an empty database of the test server. */
@MigratedDatabase
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class MigrationCommandsTest {

    private TestDatabase server;
    private DataSource empty;
    private String url;

    @BeforeEach
    void createEmptyDatabase(TestDatabase db) {
        server = db;
        empty = db.createEmptyDatabase();
        url = Cli.url(db, empty);
    }

    @AfterEach
    void dropEmptyDatabase() {
        server.drop(empty);
    }

    @Test
    void migrate_onEmptyDatabase_appliesEveryMigrationAndStatusListsThemApplied() throws IOException {
        Cli.Result migrate = Cli.run("migrate", "--url", url);

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out())
                .contains("auth", "biodynamic calendar")
                .contains("Applied " + scriptCount() + " migrations; schema now at version " + scriptCount());

        Cli.Result status = Cli.run("status", "--url", url);

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .contains("schema version " + scriptCount())
                .containsPattern("(?m)^1 +auth +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +ok +Success$")
                .contains(scriptCount() + " applied, 0 pending, 0 failed, 0 checksum mismatches, 0 missing");
    }

    @Test
    void migrate_twice_secondRunAppliesNothing() {
        Cli.run("migrate", "--url", url);

        Cli.Result second = Cli.run("migrate", "--url", url);

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Schema is up to date at version " + Cli.LATEST + "; nothing to apply.");
    }

    @Test
    void aDatabaseMigratedBeforeTheOwnHistoryTable_statusSaysSo_andMigrateMovesItApplyingNothing() {
        // What fmdb before 0.2 left: the library's rows in Flyway's default history table.
        FlywayMigrations.configure(empty, Migrations.CLASSPATH_LOCATION)
                .table("flyway_schema_history")
                .load()
                .migrate();

        Cli.Result before = Cli.run("status", "--url", url);
        Cli.Result migrate = Cli.run("migrate", "--url", url);
        Cli.Result after = Cli.run("status", "--url", url);

        assertThat(before.out() + before.err()).contains("still in flyway_schema_history", "fmdb migrate moves it");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out())
                .contains("Moved this library's migration history from flyway_schema_history")
                .contains("Schema is up to date at version " + Cli.LATEST + "; nothing to apply.");
        assertThat(after.out() + after.err())
                .doesNotContain("flyway_schema_history")
                .contains(Cli.LATEST + " applied, 0 pending");
    }

    @Test
    void status_onEmptyDatabase_listsEveryMigrationAsPending() {
        Cli.Result status = Cli.run("status", "--url", url);

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .contains("schema version none")
                .containsPattern("(?m)^3 +orders and payments +- +Pending$")
                .contains("0 applied, " + Cli.LATEST + " pending");
    }

    @Test
    void migrate_withBrokenMigration_exits4NamingFileLineAndPostgresMessage(@TempDir Path scripts)
            throws IOException, SQLException {
        copyScripts(scripts);
        Files.writeString(scripts.resolve("V99__broken_on_purpose.sql"), """
                CREATE TABLE half_done (id integer);
                ALTER TABLE products ADD COLUMN weight numeric(12, 2) NOT NULL DEFALT 0;
                """);

        Cli.Result migrate = Cli.run("migrate", "--url", url, "--locations", "filesystem:" + scripts);

        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(ExitCode.MIGRATION);
        assertThat(migrate.err())
                .contains("Migration V99__broken_on_purpose.sql failed at line 2 (SQL state 42601)")
                .contains("syntax error at or near \"DEFALT\"")
                .contains("ALTER TABLE products ADD COLUMN weight")
                .contains("Nothing of this migration was applied");
        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryOne(connection, "SELECT to_regclass('half_done') IS NULL", Boolean.class))
                    .isTrue();
        }
    }

    @Test
    void validate_onCurrentSchema_passes() {
        Cli.run("migrate", "--url", url);

        Cli.Result validate = Cli.run("validate", "--url", url);

        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out())
                .contains("PASS  " + Cli.LATEST + " applied migrations match their scripts, in order (0 pending).");
    }

    @Test
    void validate_afterAnAppliedScriptWasEdited_exits1NamingTheFile(@TempDir Path scripts) throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        editScript(scripts.resolve("V5__biodynamic_calendar.sql"));

        Cli.Result validate = Cli.run("validate", "--url", url, "--locations", location);

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(validate.out())
                .contains("FAIL  V5 biodynamic calendar (V5__biodynamic_calendar.sql)")
                .contains("checksum mismatch");
    }

    @Test
    void migrate_afterAnAppliedScriptWasEdited_exits4AndPointsToValidate(@TempDir Path scripts) throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        editScript(scripts.resolve("V2__catalog_and_inventory.sql"));

        Cli.Result migrate = Cli.run("migrate", "--url", url, "--locations", location);

        Cli.Result validate = Cli.run("validate", "--url", url, "--locations", location);
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(ExitCode.MIGRATION);
        assertThat(migrate.out())
                .contains("FAIL  The applied migrations do not match the migration scripts; nothing was migrated.")
                .contains("checksum mismatch")
                .contains("fmdb repair --yes");
        // One gate: migrate refuses with the lines validate prints.
        assertThat(migrate.out()).contains(validate.out());
    }

    @Test
    void migrateAndValidate_afterTheNewestAppliedScriptWasDeleted_bothRefuseWithTheSameLines(@TempDir Path scripts)
            throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        Path newest = scripts.resolve(PackagedMigrations.scriptOf(Cli.LATEST));
        Files.delete(newest);

        Cli.Result migrate = Cli.run("migrate", "--url", url, "--locations", location);
        Cli.Result validate = Cli.run("validate", "--url", url, "--locations", location);

        String missing = "FAIL  V" + Cli.LATEST + " ";
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(validate.out()).contains(missing).contains("(no script)").contains("not resolved locally");
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(ExitCode.MIGRATION);
        assertThat(migrate.out()).contains(validate.out());
    }

    @Test
    void status_afterAnAppliedScriptWasEdited_showsTheChecksumMismatch_andExits4(@TempDir Path scripts)
            throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        editScript(scripts.resolve("V4__community.sql"));

        Cli.Result status = Cli.run("status", "--url", url, "--locations", location);

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.MIGRATION);
        assertThat(status.out())
                .containsPattern("(?m)^4 +community +\\S+ \\S+ +MISMATCH +Success$")
                .contains("1 checksum mismatches, 0 missing");
        assertThat(status.err()).contains("do not match the scripts");
    }

    @Test
    void status_afterAnAppliedScriptWasDeleted_exits4CountingItMissing(@TempDir Path scripts) throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        Files.delete(scripts.resolve("V5__biodynamic_calendar.sql"));

        Cli.Result status = Cli.run("status", "--url", url, "--locations", location);

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.MIGRATION);
        assertThat(status.out()).contains("0 checksum mismatches, 1 missing");
    }

    @Test
    void status_withOnlyPendingMigrations_exits0(@TempDir Path scripts) throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;

        Cli.Result status = Cli.run("status", "--url", url, "--locations", location);

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("0 applied, " + scriptCount() + " pending");
    }

    @Test
    void repair_withoutYes_refusesWithExit2AndSaysWhatItWouldDo(@TempDir Path scripts) throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        editScript(scripts.resolve("V5__biodynamic_calendar.sql"));

        Cli.Result repair = Cli.run("repair", "--url", url, "--locations", location);

        assertThat(repair.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(repair.out()).contains("would realign checksum of V5 biodynamic calendar");
        assertThat(repair.err()).contains("refusing without --yes");
        assertThat(Cli.run("validate", "--url", url, "--locations", location).exitCode())
                .isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void repair_withYes_realignsChecksumsSoValidatePasses(@TempDir Path scripts) throws IOException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        editScript(scripts.resolve("V5__biodynamic_calendar.sql"));

        Cli.Result repair = Cli.run("repair", "--yes", "--url", url, "--locations", location);

        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("Realigned checksum of V5 biodynamic calendar");
        assertThat(Cli.run("validate", "--url", url, "--locations", location).exitCode())
                .isZero();
    }

    @Test
    void migrate_withFailingNonTransactionalMigration_exits4AndSaysWhatStaysApplied(@TempDir Path scripts)
            throws IOException, SQLException {
        copyScripts(scripts);
        // CREATE INDEX CONCURRENTLY cannot run in a transaction, so this script runs without one.
        Files.writeString(scripts.resolve("V99__add_index_concurrently.sql"), """
                CREATE TABLE half_done (id integer);
                CREATE INDEX CONCURRENTLY products_name_idx ON products (nmae);
                """);
        Files.writeString(scripts.resolve("V99__add_index_concurrently.sql.conf"), "executeInTransaction=false\n");

        Cli.Result migrate = Cli.run("migrate", "--url", url, "--locations", "filesystem:" + scripts);

        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(ExitCode.MIGRATION);
        assertThat(migrate.err())
                .contains("Migration V99__add_index_concurrently.sql failed at line 2 (SQL state 42703)")
                .contains("column \"nmae\" does not exist")
                .contains("ran outside a transaction")
                .contains("stay applied");
        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryOne(connection, "SELECT to_regclass('half_done') IS NOT NULL", Boolean.class))
                    .isTrue();
        }
    }

    @Test
    void repair_withYes_removesAFailedEntrySoTheFixedMigrationRuns(@TempDir Path scripts)
            throws IOException, SQLException {
        copyScripts(scripts);
        String location = "filesystem:" + scripts;
        Cli.run("migrate", "--url", url, "--locations", location);
        Files.writeString(
                scripts.resolve("V99__add_product_name_index.sql"),
                "CREATE INDEX products_name_idx ON products (name);\n");
        // What a migration that failed outside a transaction leaves behind (Flyway versions and databases that
        // record failures do): a history entry with success = false.
        try (Connection connection = empty.getConnection()) {
            Sql.execute(connection, """
                    INSERT INTO farmers_market_schema_history (installed_rank, version, description, type, script, checksum,
                        installed_by, execution_time, success)
                    VALUES (99, '99', 'add product name index', 'SQL', 'V99__add_product_name_index.sql', 1,
                        current_user, 0, false)
                    """);
        }
        Cli.Result failed = Cli.run("status", "--url", url, "--locations", location);
        assertThat(failed.out()).containsPattern("(?m)^99 +add product name index .*Failed$");
        assertThat(failed.exitCode()).isEqualTo(ExitCode.MIGRATION);
        assertThat(Cli.run("migrate", "--url", url, "--locations", location).exitCode())
                .isEqualTo(ExitCode.MIGRATION);

        Cli.Result refused = Cli.run("repair", "--url", url, "--locations", location);
        Cli.Result repair = Cli.run("repair", "--yes", "--url", url, "--locations", location);
        Cli.Result migrate = Cli.run("migrate", "--url", url, "--locations", location);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.out()).contains("would remove failed entry V99 add product name index");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("Removed failed entry V99 add product name index");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("schema now at version 99");
    }

    @Test
    void migrate_withAnOwnerOrApplicationRoleTheServerLacks_exits3AndCreatesNothing() throws SQLException {
        for (String role : List.of("--owner-role", "--app-role")) {
            Cli.Result migrate = Cli.run("migrate", "--url", url, role, "fm_no_such_role");

            assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(ExitCode.CONNECTION);
            assertThat(migrate.err())
                    .contains("role fm_no_such_role does not exist; nothing was migrated", "fmdb roles");
            assertThat(tableCount()).as("tables after the refusal of " + role).isZero();
        }
    }

    @Test
    void reset_withoutForce_refusesWithExit2() throws SQLException {
        Cli.run("migrate", "--url", url);
        insertCategory("kept");

        Cli.Result reset = Cli.run("reset", "--url", url);

        assertThat(reset.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(reset.err()).contains("refusing without --force");
        assertThat(countCategories()).isEqualTo(1);
    }

    @Test
    void reset_withForce_dropsEverythingAndMigratesAgain() throws SQLException {
        Cli.run("migrate", "--url", url);
        insertCategory("gone");

        Cli.Result reset = Cli.run("reset", "--force", "--url", url);

        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out())
                .contains("Dropped every object in schema public")
                .contains("applied " + Cli.LATEST + " migrations; schema now at version " + Cli.LATEST);
        assertThat(countCategories()).isZero();
    }

    @Test
    void reset_onAHostThatLooksLikeProduction_refusesBeforeConnecting() {
        Cli.Result reset =
                Cli.run("reset", "--force", "--url", "postgresql://admin:hunter2@db.prod.example.invalid/market");

        assertThat(reset.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(reset.err())
                .contains("refusing to reset db.prod.example.invalid:5432/market")
                .contains("host db.prod.example.invalid matches the production pattern")
                .contains("--i-know-this-is-production")
                .doesNotContain("hunter2");
    }

    @Test
    void reset_withAConfiguredPatternMatchingTheDatabase_refusesUnlessConfirmed() throws SQLException {
        Cli.run("migrate", "--url", url);
        insertCategory("confirmed");
        Map<String, String> environment = Map.of(ResetCommand.PRODUCTION_PATTERN_VARIABLE, "^fm_empty_");

        Cli.Result refused = Cli.run(environment, "reset", "--force", "--url", url);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("matches the production pattern ^fm_empty_");
        assertThat(countCategories()).isEqualTo(1);

        Cli.Result confirmed = Cli.run(environment, "reset", "--force", "--i-know-this-is-production", "--url", url);

        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(countCategories()).isZero();
    }

    @Test
    void reset_productionPatternIsMatchedAsAWord() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Cli.Result products =
                Cli.run("reset", "--force", "--url", "postgresql://u@127.0.0.1:" + closedPort + "/products");
        Cli.Result live =
                Cli.run("reset", "--force", "--url", "postgresql://u@127.0.0.1:" + closedPort + "/market_live");

        // Past the guard, reset tries to connect, and nothing listens on that port.
        assertThat(products.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(products.err()).contains("Cannot reach").doesNotContain("production pattern");
        assertThat(live.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(live.err()).contains("database name market_live matches the production pattern");
    }

    private void insertCategory(String slug) throws SQLException {
        try (Connection connection = empty.getConnection()) {
            Sql.execute(connection, "INSERT INTO categories (name, slug) VALUES (?, ?)", slug, slug);
        }
    }

    /** Tables in the database's schemas, the migration history table included. */
    private long tableCount() throws SQLException {
        try (Connection connection = empty.getConnection()) {
            return Sql.queryOne(
                    connection,
                    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
                    Long.class);
        }
    }

    private long countCategories() throws SQLException {
        try (Connection connection = empty.getConnection()) {
            return Sql.queryOne(connection, "SELECT count(*) FROM categories", Long.class);
        }
    }

    private static void editScript(Path script) throws IOException {
        Files.writeString(script, "\n-- edited after it was applied\n", StandardOpenOption.APPEND);
    }

    private static int scriptCount() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            return (int) files.filter(file -> file.toString().endsWith(".sql")).count();
        }
    }

    private static void copyScripts(Path to) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
