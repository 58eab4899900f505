package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Where the database comes from (flags, environment, both URL forms) and the troubleshooting messages. */
@MigratedDatabase
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class ConfigurationAndConnectionTest {

    private static final String PASSWORD = "s3cret-Pa55word";

    private TestDatabase db;

    @BeforeEach
    void keep(TestDatabase db) {
        this.db = db;
    }

    @Test
    void status_withUnreachableServer_exits3NamingHostPortCauseAndWhatToCheck() throws IOException {
        int closedPort = freePort();

        Cli.Result status =
                Cli.run("status", "--url", "postgresql://market:" + PASSWORD + "@127.0.0.1:" + closedPort + "/market");

        assertThat(status.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(status.err())
                .contains("Cannot reach the PostgreSQL server at host 127.0.0.1, port " + closedPort)
                .contains("Connection refused")
                .contains("pg_isready -h 127.0.0.1 -p " + closedPort)
                .contains("listen_addresses")
                .doesNotContain("..")
                .doesNotContain(PASSWORD);
    }

    @Test
    void status_withSslRequiredByAServerWithoutTls_exits3SayingSoAndHowToChoose() {
        boolean serverHasTls = db.dsl().fetchValue("show ssl", String.class).equals("on");
        assumeFalse(serverHasTls, "the test server accepts TLS, so sslmode=require connects");

        Cli.Result status = Cli.run("status", "--url", Cli.url(db) + "&sslmode=require");

        assertThat(status.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(status.err())
                .contains("does not accept TLS connections", "sslmode=prefer or sslmode=disable", "ssl = on")
                .doesNotContain("listen_addresses")
                .doesNotContain("..");
    }

    @Test
    void status_withWrongCredentials_exits3WithAuthenticationAdvice() {
        String url = db.jdbcUrl().replaceFirst("\\?.*$", "") + "?user=fmdb_nobody&password=" + PASSWORD;

        Cli.Result status = Cli.run("status", "--url", url);

        assertThat(status.exitCode()).isEqualTo(ExitCode.CONNECTION);
        // 28P01 where the server checks passwords; 28000 ("role does not exist") where it trusts local users.
        assertThat(status.err())
                .containsPattern("Authentication failed for user \"fmdb_nobody\" at .+ \\(SQL state 28(P01|000)\\)")
                .contains("percent-encoded")
                .contains("pg_hba.conf")
                .doesNotContain(PASSWORD);
    }

    @Test
    void status_withMissingDatabase_exits3AndSaysHowToCreateIt() {
        Cli.Result status = Cli.run("status", "--url", Cli.url(db, "fmdb_no_such_database"));

        assertThat(status.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(status.err())
                .contains("Database \"fmdb_no_such_database\" does not exist on")
                .contains("SQL state 3D000")
                .contains("createdb")
                .contains("fmdb restore --from FILE --into fmdb_no_such_database");
    }

    @Test
    void status_withoutAnyUrl_exits3NamingTheVariable() {
        Cli.Result status = Cli.run("status");

        assertThat(status.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(status.err())
                .contains("Configuration error")
                .contains("DATABASE_URL")
                .contains("--url");
    }

    @Test
    void status_withNonPostgresUrl_exits3WithoutThePassword() {
        Cli.Result status = Cli.run("status", "--url", "mysql://market:" + PASSWORD + "@localhost/market");

        assertThat(status.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(status.err()).contains("Not a PostgreSQL URL").doesNotContain(PASSWORD);
    }

    @Test
    void status_readsDatabaseUrlFromTheEnvironment_inPostgresqlForm() {
        Cli.Result status = Cli.run(Map.of("DATABASE_URL", Cli.postgresqlUrl(db)), "status");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains(db.name()).contains("schema version " + Cli.LATEST);
    }

    @Test
    void migrate_prefersDirectUrlOverDatabaseUrl() throws IOException {
        Map<String, String> environment = Map.of(
                "DATABASE_URL",
                "postgresql://pooled@127.0.0.1:" + freePort() + "/market?pgbouncer=true",
                "DIRECT_URL",
                Cli.url(db));

        Cli.Result migrate = Cli.run(environment, "migrate");

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("Migrating").contains(db.name());
    }

    @Test
    void seed_usesDatabaseUrlNotDirectUrl() throws IOException {
        Map<String, String> environment = Map.of(
                "DATABASE_URL",
                "postgresql://pooled@127.0.0.1:" + freePort() + "/market?pgbouncer=true",
                "DIRECT_URL",
                Cli.url(db));

        Cli.Result seed = Cli.run(environment, "seed");

        assertThat(seed.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(seed.err()).contains("Cannot reach");
    }

    @Test
    void urlFlag_winsOverTheEnvironment() {
        Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://elsewhere.invalid/market");

        Cli.Result status = Cli.run(environment, "status", "--url", Cli.url(db));

        assertThat(status.exitCode()).as(status.toString()).isZero();
    }

    @Test
    void help_ofEveryCommand_exits0ListsExitCodesAndNeverShowsAPassword() {
        Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://u:" + PASSWORD + "@h/db");
        for (String command : new String[] {
            "migrate", "status", "validate", "repair", "reset", "verify", "drift", "seed", "backup", "restore", "erd"
        }) {
            Cli.Result help = Cli.run(environment, command, "--help");

            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out())
                    .as(command)
                    .contains("Usage: fmdb " + command)
                    .contains("Exit codes:");
            assertThat(help.all()).as(command).doesNotContain(PASSWORD);
        }
        Cli.Result top = Cli.run(environment, "--help");
        assertThat(top.out())
                .contains("DATABASE_URL", "DIRECT_URL", "3   Bad configuration")
                .doesNotContain(PASSWORD);
    }

    @Test
    void noCommand_isAUsageErrorListingTheCommands() {
        Cli.Result none = Cli.run();

        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("Missing command").contains("migrate").contains("drift");
    }

    @Test
    void unknownOption_isAUsageError() {
        Cli.Result unknown = Cli.run("status", "--frobnicate");

        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void output_isPlainTextWhenNotOnATerminal() {
        Cli.Result status = Cli.run("status", "--url", Cli.url(db));

        assertThat(status.out()).doesNotContain("\u001B[");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
