package org.farmersmarket.db.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
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

    /** Transactions on connections of {@code connections}. */
    public JoiningTransactionProvider(ConnectionProvider connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** The outermost transaction: the context that began it and the connection it holds. */
    private record Open(TransactionContext owner, Connection connection, boolean restoreAutoCommit) {}

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
            context.configuration().data(OPEN, new Open(context, connection, autoCommit));
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
        Connection connection = open.connection();
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            if (open.restoreAutoCommit()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(commit ? "commit" : "roll back", e);
        } finally {
            context.configuration().data().remove(OPEN);
            connections.release(connection);
        }
    }

    private static DataAccessException failure(String step, Exception cause) {
        return cause instanceof DataAccessException e
                ? e
                : new DataAccessException("Cannot " + step + " the transaction: " + cause.getMessage(), cause);
    }
}
