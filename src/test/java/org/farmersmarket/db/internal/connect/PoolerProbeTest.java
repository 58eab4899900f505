package org.farmersmarket.db.internal.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.farmersmarket.db.config.DatabaseConfig;
import org.junit.jupiter.api.Test;

/**
 * The probe's answers to servers that are neither PostgreSQL nor a friendly PgBouncer, played by a socket on this
 * machine: one that refuses the login the way PgBouncer's console refuses an admin user (pgjdbc's startup
 * parameters), and one that accepts the connection and never answers, as a PgBouncer whose auth_query cannot run
 * for the console does. PgBouncer itself, with admin and other users, is CI's pooler leg ({@code PgBouncerTest}).
 */
class PoolerProbeTest {

    /** A server on an ephemeral port that handles one connection after another with {@code conversation}. */
    private interface Conversation {
        void talk(Socket client) throws IOException;
    }

    private static ServerSocket serve(Conversation conversation) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (client) {
                            conversation.talk(client);
                        } catch (IOException ignored) {
                            // The probe hung up: the conversation is over.
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server;
    }

    private static DatabaseConfig config(ServerSocket server) {
        return DatabaseConfig.parse("postgresql://shop_admin:secret@127.0.0.1:" + server.getLocalPort()
                + "/shop?sslmode=disable&connect_timeout=2");
    }

    /** Reads the startup message (a length, then that many bytes less four) and answers with a FATAL error. */
    private static void refuseLogin(Socket client, String sqlState, String message) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        int length = in.readInt();
        in.readNBytes(length - 4);
        byte[] fields = ("SFATAL\0VFATAL\0C" + sqlState + "\0M" + message + "\0\0").getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        out.writeByte('E');
        out.writeInt(4 + fields.length);
        out.write(fields);
        out.flush();
        in.read(); // Wait for the client to hang up.
    }

    @Test
    void aConsoleThatRefusesTheLoginWithAProtocolError_isPgBouncer_asForAnAdminUser() throws Exception {
        try (ServerSocket server = serve(client -> refuseLogin(client, "08P01", "SET failed"))) {
            assertThat(PoolerProbe.probe(config(server))).isEqualTo(PoolerProbe.Answer.PGBOUNCER);
        }
    }

    @Test
    void aServerWithoutTheConsoleDatabase_isNotPgBouncer() throws Exception {
        try (ServerSocket server =
                serve(client -> refuseLogin(client, "3D000", "database \"pgbouncer\" does not exist"))) {
            assertThat(PoolerProbe.probe(config(server))).isEqualTo(PoolerProbe.Answer.NOT_PGBOUNCER);
            assertThat(PoolerProbe.isPgBouncer(config(server))).isFalse();
        }
    }

    @Test
    void aConsoleThatNeverAnswersTheLogin_isUnknown_afterTheConnectTimeout_insteadOfHangingTheCaller()
            throws Exception {
        try (ServerSocket server = serve(client -> client.getInputStream().readAllBytes())) {
            // Far longer than the 2 s connect timeout: only a probe that never returns fails here.
            PoolerProbe.Answer answer = CompletableFuture.supplyAsync(() -> PoolerProbe.probe(config(server)))
                    .get(60, TimeUnit.SECONDS);

            assertThat(answer).isEqualTo(PoolerProbe.Answer.UNKNOWN);
            assertThat(CompletableFuture.supplyAsync(() -> PoolerProbe.isPgBouncer(config(server)))
                            .get(60, TimeUnit.SECONDS))
                    .isFalse();
        }
    }
}
