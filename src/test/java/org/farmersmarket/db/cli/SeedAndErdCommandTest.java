package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** seed (idempotent default data) and erd (Mermaid diagram of the live schema). */
@MigratedDatabase
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class SeedAndErdCommandTest {

    @Test
    void seed_twice_createsOnceThenReportsEverythingExisting(TestDatabase db) throws SQLException {
        DataSource fresh = db.createEmptyDatabase();
        try {
            Migrations.migrate(fresh);
            seedTwice(Cli.url(db, fresh), fresh);
        } finally {
            db.drop(fresh);
        }
    }

    @Test
    void seed_withoutAdminEmail_createsTheDefaultAdmin(TestDatabase db) throws SQLException {
        Cli.Result seed = Cli.run("seed", "--url", Cli.url(db));

        assertThat(seed.exitCode()).as(seed.toString()).isZero();
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(Sql.queryOne(
                            connection,
                            "SELECT role::text FROM users WHERE email = 'admin@farmersmarket.local'",
                            String.class))
                    .isEqualTo("admin");
        }
    }

    private static void seedTwice(String url, DataSource database) throws SQLException {
        String email = "admin-twice@farmersmarket.local";

        Cli.Result first = Cli.run("seed", "--url", url, "--admin-email", email);
        String afterFirst = snapshot(database);
        Cli.Result second = Cli.run("seed", "--url", url, "--admin-email", email);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out())
                .containsPattern("categories +4 +0")
                .containsPattern("admin user admin-twice@farmersmarket.local +1 +0");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out())
                .containsPattern("categories +0 +4")
                .containsPattern("admin user admin-twice@farmersmarket.local +0 +1")
                .contains("Nothing to do");
        assertThat(snapshot(database)).isEqualTo(afterFirst);
        try (Connection connection = database.getConnection()) {
            assertThat(Sql.queryStrings(connection, "SELECT slug FROM categories ORDER BY sort_order"))
                    .containsExactly("vegetables", "fruits", "dairy", "grains");
            assertThat(Sql.queryOne(connection, "SELECT role::text FROM users WHERE email = ?", String.class, email))
                    .isEqualTo("admin");
        }
    }

    @Test
    void seed_withAdminEmailInOtherCase_findsTheExistingUser(TestDatabase db) {
        Cli.run("seed", "--url", Cli.url(db), "--admin-email", "case@farmersmarket.local");

        Cli.Result again = Cli.run("seed", "--url", Cli.url(db), "--admin-email", "CASE@FarmersMarket.local");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).containsPattern("admin user CASE@FarmersMarket.local +0 +1");
    }

    @Test
    void seed_withInvalidAdminEmail_isAUsageError(TestDatabase db) {
        Cli.Result seed = Cli.run("seed", "--url", Cli.url(db), "--admin-email", "not an email");

        assertThat(seed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(seed.err()).contains("--admin-email").contains("not an email");
    }

    @Test
    void erd_printsEveryTableKeyColumnsAndRelationships(TestDatabase db) {
        Cli.Result erd = Cli.run("erd", "--url", Cli.url(db));

        assertThat(erd.exitCode()).as(erd.toString()).isZero();
        assertThat(erd.out())
                .startsWith("erDiagram\n")
                .contains("    users ||--o{ accounts : \"user_id\"\n")
                .contains("    categories |o--o{ categories : \"parent_id\"\n")
                .contains("    orders |o--o{ chats : \"order_id\"\n")
                .contains("    products {\n        uuid id PK\n        uuid vendor_id FK\n")
                .contains("        text slug UK\n")
                .contains("        uuid chat_id FK, UK\n")
                .doesNotContain("farmers_market_schema_history");
        for (String table : List.of("users", "orders", "biodynamic_calendar", "verification_tokens")) {
            assertThat(erd.out()).contains("    " + table + " {\n");
        }
        assertThat(erd.out().lines().filter(line -> line.contains("--o"))).hasSize(27);
    }

    @Test
    void erd_withAllColumnsAndOut_writesEveryColumnToTheFile(TestDatabase db, @TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("schema.mmd");

        Cli.Result erd = Cli.run("erd", "--url", Cli.url(db), "--all-columns", "--out", file.toString());

        assertThat(erd.exitCode()).as(erd.toString()).isZero();
        assertThat(Files.readString(file))
                .contains("        timestamptz created_at\n")
                .contains("        numeric price\n")
                .contains("        product_status status\n")
                .contains("        jsonb data\n");
    }

    @Test
    void erd_toAFileThatCannotBeWritten_isAUsageErrorNamingIt(TestDatabase db, @TempDir Path directory) {
        Path file = directory.resolve("no-such-directory").resolve("schema.mmd");

        Cli.Result erd = Cli.run("erd", "--url", Cli.url(db), "--out", file.toString());

        assertThat(erd.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(erd.err()).contains("Cannot use the file").contains(file.toString());
    }

    private static String snapshot(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return Sql.queryOne(
                    connection,
                    "SELECT (SELECT string_agg(c::text, '|' ORDER BY id) FROM categories c)"
                            + " || (SELECT string_agg(u::text, '|' ORDER BY id) FROM users u)",
                    String.class);
        }
    }
}
