package org.farmersmarket.db.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.jooq.ConnectionProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost transaction of a {@link UnitOfWork} on a pool or data source the library was given: takes a
 * connection, switches off auto-commit, and commits or rolls back at the end; nothing else.
 *
 * <p>Why not jOOQ's {@code DefaultTransactionProvider}: since jOOQ 3.21 it asks the connection for its isolation level
 * at the start and the end of every transaction, whether or not the transaction sets one, and pgjdbc answers
 * {@code getTransactionIsolation()} with a round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}); jOOQ/jOOQ#20135
 * tracks it. On {@code placeOrder} that is one statement in eight. This provider never changes isolation or read-only
 * mode, so it has nothing to read or restore; transaction properties ({@code Isolation}, {@code Readonly}) are refused
 * rather than ignored.
 */
final class ConnectionTransactions implements TransactionProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTransactions.class);

    /** The configuration data key of the transaction's connection. */
    private static final Object HELD = new Object() {
        @Override
        public String toString() {
            return "farmers-market-db: transaction connection";
        }
    };

    private final ConnectionProvider connections;

    ConnectionTransactions(ConnectionProvider connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** The transaction's connection, and whether auto-commit goes back on at its end. */
    private record Held(Connection connection, boolean restoreAutoCommit) {}

    @Override
    public void begin(TransactionContext context) {
        if (!context.properties().isEmpty()) {
            throw new UnsupportedOperationException("farmers-market-db's transactions take no transaction properties"
                    + " (got " + context.properties() + "); set isolation with SET TRANSACTION inside the"
                    + " transaction, or bring a configuration of your own with FarmersMarketDb.using(Configuration)");
        }
        Connection connection = connections.acquire();
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            context.configuration().data(HELD, new Held(connection, autoCommit));
            // Every statement of the transaction, and every unit of work inside it, runs on this connection.
            context.configuration().set(new DefaultConnectionProvider(connection));
        } catch (SQLException | RuntimeException e) {
            connections.release(connection);
            throw failure("begin", e);
        }
    }

    @Override
    public void commit(TransactionContext context) {
        end(context, "commit", Connection::commit);
    }

    @Override
    public void rollback(TransactionContext context) {
        end(context, "roll back", Connection::rollback);
    }

    /** What ends a transaction on its connection: {@code commit} or {@code rollback}. */
    @FunctionalInterface
    private interface Ending {
        void on(Connection connection) throws SQLException;
    }

    private void end(TransactionContext context, String step, Ending ending) {
        Held held = release(context);
        try {
            ending.on(held.connection());
        } catch (SQLException e) {
            connections.release(held.connection());
            throw failure(step, e);
        }
        restoreAutoCommitAndRelease(held);
    }

    private static Held release(TransactionContext context) {
        return (Held) context.configuration().data().remove(HELD);
    }

    /**
     * After the transaction ended: a failure here changes nothing about its outcome (the COMMIT or ROLLBACK already
     * happened), so it is logged, not thrown; the pool resets auto-commit or discards the connection itself.
     */
    private void restoreAutoCommitAndRelease(Held held) {
        try {
            if (held.restoreAutoCommit()) {
                held.connection().setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.debug("Could not switch auto-commit back on after the transaction ended: {}", e.getMessage());
        } finally {
            connections.release(held.connection());
        }
    }

    private static DataAccessException failure(String step, Exception cause) {
        return cause instanceof DataAccessException e
                ? e
                : new DataAccessException("Cannot " + step + " the transaction: " + cause.getMessage(), cause);
    }
}
