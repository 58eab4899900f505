package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Connection failures reach the caller as {@link ConnectionFailedException}, a {@link TransientDatabaseException},
 * never as the pool's or the driver's own exception: at connect time (closed port, missing database), and when the
 * backend of a pooled connection is terminated.
 */
@MigratedDatabase
// Alone: its faults and timeouts are timed, and classes running beside it on two cores would skew them.
@Isolated
class ConnectionFailuresTest {

    @Test
    void connect_toAClosedPort_isAConnectionFailureNamingTheServer() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        DatabaseConfig config = DatabaseConfig.parse(
                "postgresql://nobody:hunter2@127.0.0.1:" + closed + "/market?connect_timeout=2&pool_timeout=2");

        assertThatThrownBy(() -> FarmersMarketDb.connect(config))
                .isInstanceOf(ConnectionFailedException.class)
                .isInstanceOf(TransientDatabaseException.class)
                .hasMessageContaining("Cannot reach the PostgreSQL server at host 127.0.0.1, port " + closed)
                .hasMessageContaining("pg_isready -h 127.0.0.1 -p " + closed)
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((ConnectionFailedException) e).sqlState())
                .isEqualTo("08001");
    }

    @Test
    void connect_toAMissingDatabase_isAConnectionFailureWithPostgresReason(TestDatabase db) {
        String missing = db.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/fm_no_such_database$1");

        assertThatThrownBy(() -> FarmersMarketDb.connect(missing, db.user(), db.password()))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("Database \"fm_no_such_database\" does not exist")
                .hasMessageContaining("createdb");
    }

    @Test
    void aTerminatedBackend_isAConnectionFailure_andThePoolRecovers(TestDatabase db) throws Exception {
        try (FarmersMarketDb market = FarmersMarketDb.connect(db.jdbcUrl(), db.user(), db.password())) {
            assertThatThrownBy(() -> market.inTransaction(tx -> {
                        terminate(
                                db,
                                tx.dsl().resultQuery("SELECT pg_backend_pid()").fetchSingle(0, Integer.class));
                        return tx.products().findById(java.util.UUID.randomUUID());
                    }))
                    .isInstanceOf(ConnectionFailedException.class)
                    .satisfies(e -> assertThat(((ConnectionFailedException) e).sqlState())
                            .as("SQL state")
                            .matches("57P01|08006|08003"));

            // The broken connection left the pool; the next call gets a healthy one.
            assertThat(market.products().findById(java.util.UUID.randomUUID())).isEmpty();
        }
    }

    private static void terminate(TestDatabase db, int pid) {
        try (Connection admin = db.dataSource().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not terminate backend " + pid, e);
        }
    }
}
