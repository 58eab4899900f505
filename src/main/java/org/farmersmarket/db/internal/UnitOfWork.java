package org.farmersmarket.db.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Field;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The transactions of every library instance, however it was made: one contract for units of work and lost
 * commits.
 *
 * <ul>
 *   <li>The outermost unit of work begins, commits and rolls back through the instance's own transaction provider:
 *       {@link ConnectionTransactions} on a pool or data source the library was given, the application's provider on
 *       an application's jOOQ configuration (Spring's under Spring, where an outermost unit inside a Spring transaction
 *       is Spring's to run, as a savepoint).
 *   <li>Units of work and repository calls inside it join it: no savepoint, so the unit commits or rolls back as a
 *       whole, and once PostgreSQL refused a statement it refuses the rest of the unit.
 *   <li>Just before its COMMIT the unit's transaction id is read on its connection ({@code
 *       pg_current_xact_id_if_assigned()}, unless a statement already told it, see {@link #rememberTransactionId}).
 *       When the COMMIT fails because the connection went away, {@link CommitResolution} asks the server on a new
 *       connection what became of that id: committed, the call returns; rolled back, it is a {@link
 *       org.farmersmarket.db.ConnectionFailedException}; only when the server cannot tell in time is it a {@link
 *       org.farmersmarket.db.CommitOutcomeUnknownException}.
 * </ul>
 */
public final class UnitOfWork implements TransactionProvider {

    /** The configuration data key of the open unit; the configurations of the units inside it copy it. */
    private static final Object OPEN = new Object() {
        @Override
        public String toString() {
            return "farmers-market-db: open unit of work";
        }
    };

    private static final Field<String> TRANSACTION_ID =
            DSL.function("pg_current_xact_id_if_assigned", SQLDataType.OTHER).cast(SQLDataType.VARCHAR);

    private final TransactionProvider outermost;
    private final ConnectionProvider connections;
    private final Duration resolutionTime;

    private UnitOfWork(TransactionProvider outermost, ConnectionProvider connections, Duration resolutionTime) {
        this.outermost = Objects.requireNonNull(outermost, "outermost");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.resolutionTime = Objects.requireNonNull(resolutionTime, "resolutionTime");
    }

    /**
     * Units of work on connections of {@code connections}, which the library owns or was given as a data source.
     *
     * @param resolutionTime how long to keep asking the server about a commit whose connection was lost
     */
    public static UnitOfWork onConnections(ConnectionProvider connections, Duration resolutionTime) {
        return new UnitOfWork(new ConnectionTransactions(connections), connections, resolutionTime);
    }

    /**
     * Units of work whose outermost one is run by {@code configuration}'s transaction provider, on its connections.
     *
     * @param resolutionTime how long to keep asking the server about a commit whose connection was lost
     */
    public static UnitOfWork around(Configuration configuration, Duration resolutionTime) {
        if (configuration.transactionProvider() instanceof UnitOfWork already) {
            return already; // a library instance's configuration: the contract is in place
        }
        return new UnitOfWork(configuration.transactionProvider(), configuration.connectionProvider(), resolutionTime);
    }

    /** The open unit: the context that began it, and its transaction id once known (0 until then). */
    private record Open(TransactionContext owner, AtomicLong transactionId) {}

    /**
     * Tells the open unit of work of {@code configuration} its transaction id, read by one of its own statements (as
     * {@code pg_current_xact_id()}), so its commit need not ask for it: a round trip less on a hot path. Does nothing
     * outside a unit of work.
     */
    public static void rememberTransactionId(Configuration configuration, long transactionId) {
        if (configuration.data(OPEN) instanceof Open open) {
            open.transactionId().set(transactionId);
        }
    }

    @Override
    public void begin(TransactionContext context) {
        if (context.configuration().data(OPEN) != null) {
            if (!context.properties().isEmpty()) {
                throw new UnsupportedOperationException("A unit of work inside another joins it and can set no"
                        + " transaction properties (got " + context.properties() + ")");
            }
            return; // joins the unit it runs in
        }
        outermost.begin(context);
        context.configuration().data(OPEN, new Open(context, new AtomicLong()));
    }

    @Override
    public void commit(TransactionContext context) {
        if (!ownsOpenUnit(context)) {
            return; // a joined unit: the outermost one ends the transaction
        }
        // Removed first: when COMMIT fails, jOOQ calls rollback, which then has nothing left to end.
        Open open = (Open) context.configuration().data().remove(OPEN);
        Long transactionId;
        try {
            transactionId = transactionId(context, open);
        } catch (RuntimeException e) {
            // COMMIT was never sent, so nothing was committed: end the transaction and report why.
            rollbackQuietly(context, e);
            throw e;
        }
        try {
            outermost.commit(context);
        } catch (RuntimeException e) {
            SQLException lost = connectionLoss(e);
            if (lost == null) {
                throw e;
            }
            new CommitResolution(connections, resolutionTime).resolve(transactionId, lost);
        }
    }

    @Override
    public void rollback(TransactionContext context) {
        if (ownsOpenUnit(context)) {
            context.configuration().data().remove(OPEN);
            outermost.rollback(context);
        }
    }

    private static boolean ownsOpenUnit(TransactionContext context) {
        return context.configuration().data(OPEN) instanceof Open open && open.owner() == context;
    }

    /** The unit's transaction id, or null when it has written nothing (then a lost commit can lose nothing). */
    private static Long transactionId(TransactionContext context, Open open) {
        long known = open.transactionId().get();
        if (known != 0) {
            return known;
        }
        String id = DSL.using(context.configuration()).select(TRANSACTION_ID).fetchSingle(TRANSACTION_ID);
        return id == null ? null : Long.valueOf(id);
    }

    private void rollbackQuietly(TransactionContext context, RuntimeException cause) {
        try {
            outermost.rollback(context);
        } catch (RuntimeException alsoFailed) {
            cause.addSuppressed(alsoFailed);
        }
    }

    /**
     * The driver's exception when {@code e} says the connection went away (an 08 or 57P state, or an I/O failure
     * under it), else null: the server refused the COMMIT itself, and that is an answer.
     */
    static SQLException connectionLoss(Throwable e) {
        SQLException first = null;
        for (Throwable current = e; current != null && current.getCause() != current; current = current.getCause()) {
            if (current instanceof SQLException sql) {
                first = first == null ? sql : first;
                String state = String.valueOf(sql.getSQLState());
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return sql;
                }
            }
            if (current instanceof IOException && first != null) {
                return first;
            }
        }
        return null;
    }
}
