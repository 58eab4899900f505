package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SchemaTables;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** verify: the post-migration checklist on a correct database and on damaged ones. */
@MigratedDatabase
class VerifyCommandTest {

    private static final List<String> TABLES = SchemaTables.ALL;

    @Test
    void verify_onMigratedDatabase_passesEveryCheckAndLeavesNoRowBehind(TestDatabase db) throws SQLException {
        long ordersBefore = nextOrderNumber(db);

        Cli.Result verify = Cli.run("verify", "--url", Cli.applicationUrl(db));

        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out())
                .contains("PASS  migrations: schema at version " + Cli.LATEST + ", " + Cli.LATEST
                        + " applied, 0 pending, 0 failed")
                .contains("PASS  tables: all 19 expected tables present")
                .containsPattern("PASS  indexes: all \\d+ expected indexes present")
                .contains("PASS  foreign keys: all 27 expected foreign keys present")
                .contains("PASS  privileges: the application's role can neither change the schema nor rewrite"
                        + " inventory_history")
                .contains("PASS  row counts: 0 rows in 19 tables")
                .doesNotContain("FAIL");
        for (String table : TABLES) {
            assertThat(verify.out()).contains("PASS  insert + rollback: " + table + "\n");
            try (Connection connection = db.dataSource().getConnection()) {
                assertThat(Sql.queryOne(connection, "SELECT count(*) FROM " + table, Long.class))
                        .as(table)
                        .isZero();
            }
        }
        // The sample order brings its own number: the order number sequence did not move.
        assertThat(nextOrderNumber(db)).isEqualTo(ordersBefore + 1);
    }

    @Test
    void verify_withMissingIndexForeignKeyAndRefusedInsert_failsNamingEach(TestDatabase db) throws SQLException {
        DataSource damaged = db.createEmptyDatabase();
        try {
            Migrations.migrate(damaged);
            try (Connection connection = damaged.getConnection()) {
                Sql.execute(connection, "DROP INDEX users_role_idx");
                Sql.execute(connection, "ALTER TABLE reviews DROP CONSTRAINT reviews_user_id_fkey");
                Sql.execute(
                        connection,
                        "ALTER TABLE notifications ADD CONSTRAINT notifications_refuse_all CHECK (false) NOT VALID");
            }

            Cli.Result verify = Cli.run("verify", "--url", Cli.url(db, damaged));

            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(verify.out())
                    .containsPattern("FAIL  indexes: 1 of \\d+ missing: users_role_idx \\(users\\)")
                    .contains("FAIL  foreign keys: 1 of 27 missing: reviews_user_id_fkey (reviews)")
                    .contains("FAIL  insert + rollback: notifications: ERROR: new row for relation \"notifications\""
                            + " violates check constraint \"notifications_refuse_all\"")
                    .contains("PASS  insert + rollback: biodynamic_calendar")
                    // Connected as the server's superuser, as this test is: a privilege warning, not a failure.
                    .contains("WARN  privileges: " + db.adminUser() + " is a superuser")
                    .contains("FAIL  3 of 25 checks failed.");
        } finally {
            db.drop(damaged);
        }
    }

    @Test
    void verify_onEmptyDatabase_failsMigrationsAndTables(TestDatabase db) {
        DataSource empty = db.createEmptyDatabase();
        try {
            Cli.Result verify = Cli.run("verify", "--url", Cli.url(db, empty));

            assertThat(verify.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(verify.out())
                    .contains("FAIL  migrations: schema at version none, 0 applied, " + Cli.LATEST + " pending")
                    .contains("FAIL  tables: 19 of 19 missing: accounts, biodynamic_calendar");
        } finally {
            db.drop(empty);
        }
    }

    @Test
    @ResourceLock(value = SharedResources.APPLICATION_ROLE_PRIVILEGES, mode = ResourceAccessMode.READ_WRITE)
    void verify_asTheOwnerOrWithRightsOnTheLedger_warns_andFailsOnlyWhenLeastPrivilegeIsOptedInto(TestDatabase db)
            throws SQLException {
        try (Connection admin = db.adminDataSource().getConnection()) {
            Sql.execute(admin, "GRANT UPDATE, TRUNCATE ON inventory_history TO " + db.user());
        }
        try {
            Cli.Result warned = Cli.run("verify", "--url", Cli.applicationUrl(db));
            Cli.Result strict = Cli.run("verify", "--strict", "--url", Cli.applicationUrl(db));
            Cli.Result rolesConfigured =
                    Cli.run(Map.of("FMDB_APP_ROLE", db.user()), "verify", "--url", Cli.applicationUrl(db));
            Cli.Result asAdministrator = Cli.run("verify", "--strict", "--url", Cli.url(db));

            String finding = "privileges: " + db.user() + " holds TRUNCATE, UPDATE on inventory_history: it can"
                    + " rewrite history";
            assertThat(warned.exitCode()).as(warned.toString()).isZero();
            assertThat(warned.out())
                    .contains("WARN  " + finding)
                    .contains("with roles configured or --strict, this check fails instead of warning")
                    .containsPattern("PASS  All \\d+ checks passed, with 1 warning\\.");
            assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(strict.out())
                    .contains("FAIL  " + finding)
                    .contains("DATABASE_URL should connect as the application role, not the owner");
            assertThat(rolesConfigured.exitCode())
                    .as(rolesConfigured.toString())
                    .isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(rolesConfigured.out()).contains("FAIL  " + finding);
            assertThat(asAdministrator.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(asAdministrator.out()).contains("FAIL  privileges: " + db.adminUser() + " is a superuser");
        } finally {
            try (Connection admin = db.adminDataSource().getConnection()) {
                Sql.execute(admin, "REVOKE UPDATE, TRUNCATE ON inventory_history FROM " + db.user());
            }
        }
    }

    private static long nextOrderNumber(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            // The sequence is owned by the test: advancing it here is harmless, and shows whether verify did.
            return Sql.queryOne(connection, "SELECT nextval('order_number_seq')", Long.class);
        }
    }
}
