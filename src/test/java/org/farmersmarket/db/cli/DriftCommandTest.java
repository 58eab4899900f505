package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.farmersmarket.db.migration.MigrationSettings;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.postgresql.ds.PGSimpleDataSource;

/** drift: no false positives on a clean schema; manual changes found and the reconciling DDL printed. */
@MigratedDatabase
// Counts the scratch databases on the server: no class that makes them runs beside it.
@ResourceLock(SharedResources.SCRATCH_DATABASES)
class DriftCommandTest {

    private TestDatabase server;
    private DataSource live;
    private String url;
    private long scratchDatabasesBefore;

    @BeforeEach
    void createMigratedDatabase(TestDatabase db) throws SQLException {
        server = db;
        live = db.createEmptyDatabase();
        Migrations.migrate(live);
        url = Cli.url(db, live);
        scratchDatabasesBefore = scratchDatabases();
    }

    @AfterEach
    void dropIt() throws SQLException {
        server.drop(live);
        assertThat(scratchDatabases()).as("scratch databases left behind").isEqualTo(scratchDatabasesBefore);
    }

    @Test
    void drift_onCleanSchema_exits0WithNoDrift() {
        Cli.Result drift = Cli.run("drift", "--url", url);

        assertThat(drift.exitCode()).as(drift.toString()).isZero();
        assertThat(drift.out()).contains("PASS  No drift: the live schema matches the migrations.");
    }

    @Test
    void drift_inAFreshJvm_exits0WithNoDrift() throws IOException, InterruptedException {
        // In a new JVM the first schema snapshot sees the generated enum types and later ones do not; the test
        // JVM has long passed that point, so only a process of its own shows whether drift copes.
        Process fmdb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Fmdb.class.getName(),
                        "drift",
                        "--url",
                        url)
                .redirectErrorStream(true)
                .start();
        String output = new String(fmdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fmdb.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(fmdb.exitValue()).as(output).isZero();
        assertThat(output).contains("PASS  No drift: the live schema matches the migrations.");
    }

    @Test
    void drift_afterManualAlterTable_exits1AndPrintsTheReconcilingDdl() throws SQLException {
        execute("ALTER TABLE products ADD COLUMN weight numeric(10, 2)");
        execute("ALTER TABLE users ALTER COLUMN name SET NOT NULL");
        execute("DROP INDEX notifications_unread_idx");

        Cli.Result drift = Cli.run("drift", "--url", url);

        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(drift.out())
                .contains("FAIL  Drift: 3 statements would make the live schema match the migrations:")
                .contains("alter table \"public\".\"products\" drop \"weight\";")
                .contains("alter table \"public\".\"users\" alter \"name\" drop not null;")
                .contains("CREATE INDEX notifications_unread_idx ON public.notifications USING btree (user_id)"
                        + " WHERE (read_at IS NULL);");
    }

    @Test
    void drift_findsWhatJooqMetaDoesNotCompare_triggersEnumLabelsAndDeleteRules() throws SQLException {
        execute("DROP TRIGGER users_set_updated_at ON users");
        execute("ALTER TYPE user_role ADD VALUE 'superuser'");
        execute("ALTER TABLE accounts DROP CONSTRAINT accounts_user_id_fkey, ADD CONSTRAINT accounts_user_id_fkey"
                + " FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT");

        Cli.Result drift = Cli.run("drift", "--url", url);

        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(drift.out())
                .contains("CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE"
                        + " FUNCTION set_updated_at();")
                .contains("type \"public\".\"user_role\" has label(s) 'superuser' that the migrations do not define")
                .contains("alter table \"public\".\"accounts\" drop constraint \"accounts_user_id_fkey\", add"
                        + " constraint \"accounts_user_id_fkey\" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE"
                        + " CASCADE;");
    }

    @Test
    void drift_withScratchServer_ignoresFlywaySchemaHistory() throws SQLException {
        execute("ALTER TABLE farmers_market_schema_history ADD COLUMN note text");

        // The scratch database goes onto the server named by --scratch-server (here: the same one, reached
        // through the test class's own database).
        Cli.Result drift = Cli.run("drift", "--url", url, "--scratch-server", Cli.url(server));

        assertThat(drift.exitCode()).as(drift.toString()).isZero();
    }

    @Test
    void drift_withAnOwnerRoleConfigured_migratesTheScratchDatabaseAsThatRole() throws SQLException {
        // As fmdb dev's environment has it: FMDB_OWNER_ROLE names the role migrations run as. On PostgreSQL 15+ a
        // role may create in a database's public schema only if it owns the database, so the scratch one must be
        // the role's, or its migration fails with "permission denied for schema public".
        String role = "fm_drift_owner_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE ROLE " + role + " NOLOGIN");
        DataSource owned = server.createEmptyDatabase();
        String name = ((PGSimpleDataSource) owned).getDatabaseName();
        try {
            execute("ALTER DATABASE " + name + " OWNER TO " + role);
            Migrations.migrate(owned, MigrationSettings.defaults().withOwnerRole(role));

            Cli.Result drift = Cli.run(Map.of("FMDB_OWNER_ROLE", role), "drift", "--url", Cli.url(server, owned));

            assertThat(drift.exitCode()).as(drift.toString()).isZero();
            assertThat(drift.out()).contains("PASS  No drift: the live schema matches the migrations.");
        } finally {
            server.drop(owned);
            execute("DROP ROLE " + role);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = live.getConnection()) {
            Sql.execute(connection, sql);
        }
    }

    private long scratchDatabases() throws SQLException {
        try (Connection connection = server.dataSource().getConnection()) {
            return Sql.queryOne(
                    connection, "SELECT count(*) FROM pg_database WHERE datname LIKE 'fmdb_scratch_%'", Long.class);
        }
    }
}
