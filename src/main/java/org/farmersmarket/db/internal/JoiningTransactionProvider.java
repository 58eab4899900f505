package org.farmersmarket.db.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * jOOQ transactions on one connection of a {@link ConnectionProvider}: the outermost transaction takes a connection,
 * switches off auto-commit, and commits or rolls back at its end; a transaction started inside it joins it (no
 * savepoint), so the unit of work commits or rolls back as a whole.
 *
 * <p>Why not jOOQ's {@code DefaultTransactionProvider(connections, false)}, which joins the same way: since jOOQ 3.21
 * it asks the connection for its isolation level at the start and the end of every transaction, whether or not the
 * transaction sets one, and pgjdbc answers {@code getTransactionIsolation()} with a round trip
 * ({@code SHOW TRANSACTION ISOLATION LEVEL}); jOOQ/jOOQ#20135 tracks it. On {@code placeOrder} that is one
 * statement in eight. This provider never changes isolation or read-only mode, so it has nothing to read or restore;
 * transaction properties ({@code Isolation}, {@code Readonly}) passed to {@code DSLContext.transaction} are refused
 * rather than ignored.
 *
 * <p>A commit whose connection is lost is resolved, not guessed: just before COMMIT the provider reads the
 * transaction's id ({@code pg_current_xact_id_if_assigned()}, one round trip), and when COMMIT fails because the
 * connection went away it asks the server, on a new connection, what became of that transaction
 * ({@link CommitResolution}). A committed transaction ends normally; one that was rolled back fails with a
 * {@link org.farmersmarket.db.ConnectionFailedException}; only when the server cannot tell within the resolution time
 * does a {@link org.farmersmarket.db.CommitOutcomeUnknownException} say so.
 */
public final class JoiningTransactionProvider implements TransactionProvider {

    /** The configuration data key of the open transaction; a nested transaction's configuration copies it. */
    private static final Object OPEN = new Object() {
        @Override
        public String toString() {
            return "farmers-market-db: open transaction";
        }
    };

    private final ConnectionProvider connections;
    private final Duration resolutionTime;

    /**
     * Transactions on connections of {@code connections}.
     *
     * @param resolutionTime how long to keep asking the server about a commit whose connection was lost
     */
    public JoiningTransactionProvider(ConnectionProvider connections, Duration resolutionTime) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.resolutionTime = Objects.requireNonNull(resolutionTime, "resolutionTime");
    }

    /** The outermost transaction: the context that began it and the connection it holds. */
    private record Open(
            TransactionContext owner, Connection connection, boolean restoreAutoCommit, AtomicLong transactionId) {}

    /**
     * Tells the open transaction of {@code configuration} its id, read by one of its own statements (as
     * {@code pg_current_xact_id()}), so its commit need not ask for it: a round trip less on a hot path. Does
     * nothing outside a transaction of this provider.
     */
    public static void rememberTransactionId(Configuration configuration, long transactionId) {
        if (configuration.data(OPEN) instanceof Open open) {
            open.transactionId().set(transactionId);
        }
    }

    @Override
    public void begin(TransactionContext context) {
        if (!context.properties().isEmpty()) {
            throw new UnsupportedOperationException("farmers-market-db's transactions take no transaction properties"
                    + " (got " + context.properties() + "); set isolation with SET TRANSACTION inside the"
                    + " transaction, or bring a configuration of your own with FarmersMarketDb.using(Configuration)");
        }
        if (context.configuration().data(OPEN) != null) {
            return; // joins the transaction it runs in
        }
        Connection connection = connections.acquire();
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            context.configuration().data(OPEN, new Open(context, connection, autoCommit, new AtomicLong()));
            // Every statement of the transaction, and every transaction inside it, runs on this connection.
            context.configuration().set(new DefaultConnectionProvider(connection));
        } catch (SQLException | RuntimeException e) {
            connections.release(connection);
            throw failure("begin", e);
        }
    }

    @Override
    public void commit(TransactionContext context) {
        end(context, true);
    }

    @Override
    public void rollback(TransactionContext context) {
        end(context, false);
    }

    private void end(TransactionContext context, boolean commit) {
        Open open = (Open) context.configuration().data(OPEN);
        if (open == null || open.owner() != context) {
            return; // a joined transaction: the outermost one ends the unit of work
        }
        context.configuration().data().remove(OPEN);
        if (commit) {
            commit(open);
        } else {
            rollback(open);
        }
    }

    private void commit(Open open) {
        Connection connection = open.connection();
        Long transactionId;
        try {
            long known = open.transactionId().get();
            transactionId = known != 0 ? Long.valueOf(known) : transactionId(connection);
        } catch (SQLException e) {
            connections.release(connection);
            throw failure("commit", e); // COMMIT was never sent: nothing was committed
        }
        try {
            connection.commit();
            restoreAutoCommit(open);
        } catch (SQLException e) {
            boolean lost = CommitResolution.isConnectionLoss(e, connection);
            // Released first: with a pool of one, the resolution needs this connection's slot.
            connections.release(connection);
            if (lost) {
                new CommitResolution(connections, resolutionTime).resolve(transactionId, e);
                return; // it did commit
            }
            throw failure("commit", e);
        }
        connections.release(connection);
    }

    private void rollback(Open open) {
        Connection connection = open.connection();
        try {
            connection.rollback();
            restoreAutoCommit(open);
        } catch (SQLException e) {
            throw failure("roll back", e);
        } finally {
            connections.release(connection);
        }
    }

    private static void restoreAutoCommit(Open open) throws SQLException {
        if (open.restoreAutoCommit()) {
            open.connection().setAutoCommit(true);
        }
    }

    /** The transaction's id, or null when it has written nothing (then there is nothing a lost commit can lose). */
    private static Long transactionId(Connection connection) throws SQLException {
        // Prepared, so that pgjdbc keeps it prepared on the server after a few uses: no parse and plan per commit.
        try (PreparedStatement statement =
                        connection.prepareStatement("select pg_current_xact_id_if_assigned()::text");
                ResultSet row = statement.executeQuery()) {
            row.next();
            String id = row.getString(1);
            return id == null ? null : Long.valueOf(id);
        }
    }

    private static DataAccessException failure(String step, Exception cause) {
        return cause instanceof DataAccessException e
                ? e
                : new DataAccessException("Cannot " + step + " the transaction: " + cause.getMessage(), cause);
    }
}
