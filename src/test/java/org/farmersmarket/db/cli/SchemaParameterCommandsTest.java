package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every command with {@code ?schema=shop} on an empty database: the tables, Flyway's history and every other
 * object land in {@code shop}, the commands read and write them there, and {@code public} stays empty.
 */
@MigratedDatabase
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class SchemaParameterCommandsTest {

    private static final String SCHEMA = "shop";

    /** The 19 tables and Flyway's history. */
    private static final int TABLES_WITH_HISTORY = 20;

    private TestDatabase server;
    private DataSource empty;
    private String shopUrl;
    private String publicUrl;
    private final List<DataSource> restored = new ArrayList<>();

    @TempDir
    private Path directory;

    @BeforeEach
    void createEmptyDatabase(TestDatabase db) {
        server = db;
        empty = db.createEmptyDatabase();
        publicUrl = Cli.url(db, empty);
        shopUrl = publicUrl + "&schema=" + SCHEMA;
    }

    @AfterEach
    void dropDatabases() {
        server.drop(empty);
        restored.forEach(server::drop);
    }

    @Test
    void migrateStatusValidate_withSchemaInTheEnvironment_putEverythingInTheSchemaAndNothingInPublic()
            throws SQLException {
        Map<String, String> environment = Map.of(
                "DATABASE_URL", postgresqlUrl(empty) + "?schema=" + SCHEMA,
                "DIRECT_URL", postgresqlUrl(empty) + "?schema=" + SCHEMA);

        Cli.Result migrate = Cli.run(environment, "migrate");

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out())
                .contains("Applied " + Cli.LATEST + " migrations; schema now at version " + Cli.LATEST);
        assertThat(tables(empty, SCHEMA))
                .hasSize(TABLES_WITH_HISTORY)
                .contains("categories", "farmers_market_schema_history");
        assertThat(objectsInPublic(empty)).isEmpty();

        Cli.Result status = Cli.run(environment, "status");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .contains("schema version " + Cli.LATEST)
                .containsPattern("(?m)^\\(schema\\) +<< Flyway Schema Creation >> +.+ Success$")
                .contains(Cli.LATEST + " applied, 0 pending, 0 failed, 0 checksum mismatches, 0 missing");

        Cli.Result validate = Cli.run(environment, "validate");

        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains(Cli.LATEST + " applied migrations match their scripts");
        assertThat(objectsInPublic(empty)).isEmpty();
    }

    @Test
    void seedVerifyDriftErd_withSchema_workOnTheTablesInTheSchema() throws SQLException {
        assertThat(Cli.run("migrate", "--url", shopUrl, "--app-role", server.user())
                        .exitCode())
                .isZero();

        Cli.Result seed = Cli.run("seed", "--url", shopUrl);
        Cli.Result again = Cli.run("seed", "--url", shopUrl);
        // As the application connects: the role migrate granted, in the schema.
        Cli.Result verify = Cli.run("verify", "--url", applicationShopUrl(empty));
        Cli.Result drift = Cli.run("drift", "--url", shopUrl);
        Cli.Result erd = Cli.run("erd", "--url", shopUrl);

        assertThat(seed.exitCode()).as(seed.toString()).isZero();
        assertThat(seed.out()).contains("Created 5 rows; 0 already existed.");
        assertThat(count(empty, "select count(*) from shop.categories")).isEqualTo(4);
        assertThat(count(empty, "select count(*) from shop.users where role = 'admin'"))
                .isEqualTo(1);
        assertThat(again.out()).contains("Nothing to do: all seed data was already there.");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out())
                .contains("schema " + SCHEMA)
                .contains("PASS  tables: all 19 expected tables present")
                .contains("PASS  insert + rollback: biodynamic_calendar")
                .containsPattern("(?m)^categories +4$")
                .contains("checks passed.");
        assertThat(drift.exitCode()).as(drift.toString()).isZero();
        assertThat(drift.out())
                .contains("schema " + SCHEMA)
                .contains("PASS  No drift: the live schema matches the migrations.");
        assertThat(erd.exitCode()).as(erd.toString()).isZero();
        assertThat(erd.out())
                .contains("users ||--o{ orders : \"customer_id\"")
                .contains("categories |o--o{ categories : \"parent_id\"")
                .doesNotContain("farmers_market_schema_history");
        assertThat(count(empty, "select count(*) from shop.users"))
                .as("verify leaves no row")
                .isEqualTo(1);
        assertThat(objectsInPublic(empty)).isEmpty();
    }

    private String applicationShopUrl(DataSource database) {
        return Cli.applicationUrl(server, ((org.postgresql.ds.PGSimpleDataSource) database).getDatabaseName())
                + "&schema=" + SCHEMA;
    }

    @Test
    void verify_withSchema_onADatabaseMigratedInPublicOnly_failsForTheMissingTables() {
        assertThat(Cli.run("migrate", "--url", publicUrl).exitCode()).isZero();

        Cli.Result verify = Cli.run("verify", "--url", shopUrl);

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(verify.out())
                .contains("FAIL  migrations: schema at version none, 0 applied, " + Cli.LATEST + " pending")
                .contains("FAIL  tables: 19 of 19 missing");
    }

    @Test
    void drift_withSchema_comparesThatSchemaEvenWhenPublicMatches() throws SQLException {
        assertThat(Cli.run("migrate", "--url", publicUrl).exitCode()).isZero();
        assertThat(Cli.run("migrate", "--url", shopUrl).exitCode()).isZero();
        try (Connection connection = empty.getConnection()) {
            Sql.execute(connection, "DROP INDEX shop.categories_parent_id_idx");
        }

        Cli.Result shop = Cli.run("drift", "--url", shopUrl);
        Cli.Result inPublic = Cli.run("drift", "--url", publicUrl);

        assertThat(shop.exitCode()).as(shop.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(shop.out())
                .contains("FAIL  Drift: 1 statement would make the live schema match the migrations:")
                .contains("CREATE INDEX categories_parent_id_idx ON shop.categories USING btree (parent_id);");
        assertThat(inPublic.exitCode()).as(inPublic.toString()).isZero();
    }

    @Test
    void drift_withSchemaAndAScratchServerUrlNamingNone_buildsTheReferenceInTheLiveSchema() throws SQLException {
        assertThat(Cli.run("migrate", "--url", shopUrl).exitCode()).isZero();

        Cli.Result drift = Cli.run("drift", "--url", shopUrl, "--scratch-server", Cli.url(server));

        assertThat(drift.exitCode()).as(drift.toString()).isZero();
        assertThat(drift.out()).contains("PASS  No drift");
        assertThat(objectsInPublic(empty)).isEmpty();
    }

    @Test
    void backupThenRestore_withSchema_restoresTheSchemaIntoTheNewDatabase() throws SQLException, IOException {
        assumeToolsCanDumpTheServer();
        assertThat(Cli.run("migrate", "--url", shopUrl, "--app-role", server.user())
                        .exitCode())
                .isZero();
        assertThat(Cli.run("seed", "--url", shopUrl).exitCode()).isZero();
        Path backup = directory.resolve("shop.dump");
        String restoredName =
                "fm_restored_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, String> environment = Map.of("PATH", System.getenv().getOrDefault("PATH", ""));

        Cli.Result backupRun = Cli.run(environment, "backup", "--url", shopUrl, "--out", backup.toString());
        Cli.Result restoreRun =
                Cli.run(environment, "restore", "--url", shopUrl, "--from", backup.toString(), "--into", restoredName);
        DataSource restoredDatabase = Cli.dataSource(server, restoredName);
        restored.add(restoredDatabase);

        assertThat(backupRun.exitCode()).as(backupRun.toString()).isZero();
        assertThat(backupRun.out()).containsPattern("(?m)^shop\\.categories +4$");
        assertThat(restoreRun.exitCode()).as(restoreRun.toString()).isZero();
        assertThat(restoreRun.out())
                .containsPattern("(?m)^shop\\.categories +4 +4 +ok$")
                .contains("every row count matches the backup");
        assertThat(tables(restoredDatabase, SCHEMA)).hasSize(TABLES_WITH_HISTORY);
        assertThat(count(restoredDatabase, "select count(*) from shop.categories"))
                .isEqualTo(4);
        assertThat(objectsInPublic(restoredDatabase)).isEmpty();
        // The copy carries no grants (restore says so): granted again by migrate, the application role passes.
        assertThat(restoreRun.out()).contains("carry no grants");
        Cli.Result grant = Cli.run(
                "migrate", "--url", Cli.url(server, restoredName) + "&schema=" + SCHEMA, "--app-role", server.user());
        assertThat(grant.exitCode()).as(grant.toString()).isZero();
        Cli.Result verifyRestored =
                Cli.run("verify", "--url", Cli.applicationUrl(server, restoredName) + "&schema=" + SCHEMA);
        assertThat(verifyRestored.exitCode()).as(verifyRestored.toString()).isZero();
    }

    @Test
    void resetAndRepair_withSchema_rebuildThatSchemaAndLeavePublicAlone() throws SQLException {
        assertThat(Cli.run("migrate", "--url", publicUrl).exitCode()).isZero();
        assertThat(Cli.run("seed", "--url", publicUrl).exitCode()).isZero();
        assertThat(Cli.run("migrate", "--url", shopUrl).exitCode()).isZero();
        assertThat(Cli.run("seed", "--url", shopUrl).exitCode()).isZero();

        Cli.Result reset = Cli.run("reset", "--force", "--url", shopUrl);
        Cli.Result repair = Cli.run("repair", "--yes", "--url", shopUrl);

        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out())
                .contains("Dropped every object in schema " + SCHEMA + " of")
                .contains("applied " + Cli.LATEST + " migrations; schema now at version " + Cli.LATEST);
        assertThat(tables(empty, SCHEMA)).hasSize(TABLES_WITH_HISTORY);
        assertThat(count(empty, "select count(*) from shop.categories"))
                .as("reset drops the data")
                .isZero();
        assertThat(count(empty, "select count(*) from public.categories"))
                .as("public is not the schema to reset")
                .isEqualTo(4);
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("Nothing to repair");
    }

    @Test
    void seedDemo_withSchema_writesTheDemoDataThroughTheRepositoriesIntoTheSchema() throws SQLException {
        assertThat(Cli.run("migrate", "--url", shopUrl).exitCode()).isZero();

        Cli.Result demo =
                Cli.run("seed", "--demo", "--vendors", "2", "--products", "6", "--orders", "10", "--url", shopUrl);

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("Demo data written with seed value 42");
        assertThat(count(empty, "select count(*) from shop.products")).isEqualTo(6);
        assertThat(count(empty, "select count(*) from shop.inventory_history")).isPositive();
        assertThat(objectsInPublic(empty)).isEmpty();
    }

    @Test
    void migrate_withASearchPathAsSchema_isAConfigurationErrorNamingTheParameterAndCreatesNothing()
            throws SQLException {
        Cli.Result migrate = Cli.run("migrate", "--url", publicUrl + "&schema=shop,public");

        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(ExitCode.CONNECTION);
        assertThat(migrate.err())
                .contains("Configuration error: schema=shop,public")
                .contains("several schemas");
        assertThat(count(empty, "select count(*) from pg_namespace where nspname = 'shop'"))
                .isZero();
    }

    /** The base tables of a schema. */
    private static List<String> tables(DataSource database, String schema) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return Sql.queryStrings(
                    connection,
                    "select table_name from information_schema.tables where table_schema = ?"
                            + " and table_type = 'BASE TABLE' order by 1",
                    schema);
        }
    }

    /** Relations (tables, indexes, sequences, views), types and functions in public. */
    private static List<String> objectsInPublic(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return Sql.queryStrings(connection, """
                    select 'relation ' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public'
                    union all
                    select 'type ' || t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
                    where n.nspname = 'public'
                    union all
                    select 'function ' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = 'public'
                    """);
        }
    }

    private static long count(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return Sql.queryOne(connection, sql, Long.class);
        }
    }

    /** The database as {@code postgresql://user:password@host:port/name}, the form hosting services print. */
    private String postgresqlUrl(DataSource database) {
        String name = ((org.postgresql.ds.PGSimpleDataSource) database).getDatabaseName();
        return Cli.postgresqlUrl(server).replaceFirst("/[^/]*$", "/" + name);
    }

    private void assumeToolsCanDumpTheServer() throws SQLException {
        int pgDump = pgDumpMajorVersion();
        int serverVersion;
        try (Connection connection = server.dataSource().getConnection()) {
            serverVersion = connection.getMetaData().getDatabaseMajorVersion();
        }
        assumeTrue(pgDump >= serverVersion, "pg_dump " + pgDump + " cannot dump a PostgreSQL " + serverVersion);
    }

    private static int pgDumpMajorVersion() {
        try {
            Process process = new ProcessBuilder("pg_dump", "--version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher version = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)").matcher(output);
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0; // not on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
