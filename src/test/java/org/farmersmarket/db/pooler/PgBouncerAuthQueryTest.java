package org.farmersmarket.db.pooler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.internal.connect.PoolerProbe;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pooler probe against Debian's PgBouncer set up the way issue 22 found it hang: SCRAM for the clients, whose
 * secrets PgBouncer fetches with {@code auth_query} through an {@code auth_user}. A login to the console then waits
 * for a lookup that never comes; the probe must come back within its connect timeout. Runs in CI's pooler leg (the
 * test server trusts 127.0.0.1 there, and PgBouncer is installed); elsewhere it is skipped.
 */
@MigratedDatabase
class PgBouncerAuthQueryTest {

    private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts PgBouncer in {@code directory} on {@code port} in front of the test server, as postgres when root. */
    private static Process start(Path directory, int port, TestDatabase db) throws IOException, InterruptedException {
        String serverHostAndPort = db.jdbcUrl().replaceFirst("^jdbc:postgresql://([^/]*)/.*$", "$1");
        String serverPort = serverHostAndPort.contains(":") ? serverHostAndPort.replaceFirst("^.*:", "") : "5432";
        Files.writeString(directory.resolve("userlist.txt"), "\"" + db.adminUser() + "\" \"\"\n");
        Files.writeString(directory.resolve("pgbouncer.ini"), """
                [databases]
                * = host=127.0.0.1 port=%s

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = scram-sha-256
                auth_file = %s/userlist.txt
                auth_user = %s
                pool_mode = transaction
                ignore_startup_parameters = extra_float_digits,options
                logfile = %s/pgbouncer.log
                """.formatted(
                        serverPort, port, directory, db.adminUser(), directory));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer refuses to run as root.
            new ProcessBuilder("chown", "-R", "postgres", directory.toString())
                    .inheritIO()
                    .start()
                    .waitFor();
            command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups"));
        }
        command.addAll(
                List.of(BINARY.toString(), directory.resolve("pgbouncer.ini").toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.txt").toFile())
                .start();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "PgBouncer did not listen on " + port + ": " + Files.readString(directory.resolve("stdout.txt")));
    }

    @Test
    void theProbe_throughAnAuthQueryPgBouncerWithScram_comesBackWithinTheConnectTimeout_andTheFlaggedUrlWorks(
            TestDatabase db, @TempDir Path directory) throws Exception {
        String pooler = System.getenv("FM_TEST_POOLER_URL");
        assumeTrue(pooler != null && !pooler.isBlank(), "FM_TEST_POOLER_URL names no pooler (CI's pooler leg does)");
        assumeTrue(Files.isExecutable(BINARY), "no PgBouncer at " + BINARY);
        String user =
                "fm_scram_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = db.adminDataSource().getConnection()) {
            Sql.execute(admin, "SET password_encryption = 'scram-sha-256'");
            Sql.execute(admin, "CREATE ROLE " + user + " LOGIN PASSWORD 'scram-secret'");
        }
        int port = freePort();
        Process pgbouncer = start(directory, port, db);
        try {
            String url =
                    "postgresql://" + user + ":scram-secret@127.0.0.1:" + port + "/" + db.name() + "?connect_timeout=3";

            PoolerProbe.Answer answer = CompletableFuture.supplyAsync(
                            () -> PoolerProbe.probe(DatabaseConfig.parse(url)))
                    .get(120, TimeUnit.SECONDS);

            System.out.println("PgBouncerAuthQueryTest: the probe answered " + answer);
            assertThat(answer).isIn(PoolerProbe.Answer.PGBOUNCER, PoolerProbe.Answer.UNKNOWN);
            // The set-up is a working pooler: with the flag, the library connects through it and runs a query.
            try (FarmersMarketDb market = FarmersMarketDb.connect(DatabaseConfig.parse(url + "&pgbouncer=true"))) {
                assertThat(market.dsl().selectOne().fetchOne(0, Integer.class)).isEqualTo(1);
            }
        } finally {
            pgbouncer.destroy();
            pgbouncer.waitFor(10, TimeUnit.SECONDS);
            try (Connection admin = db.adminDataSource().getConnection()) {
                Sql.execute(admin, "DROP ROLE IF EXISTS " + user);
            } catch (SQLException e) {
                System.err.println("PgBouncerAuthQueryTest: cannot drop role " + user + ": " + e.getMessage());
            }
        }
    }
}
