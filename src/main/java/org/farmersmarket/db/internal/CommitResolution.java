package org.farmersmarket.db.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.farmersmarket.db.CommitOutcomeUnknownException;
import org.farmersmarket.db.ConnectionFailedException;
import org.jooq.ConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what became of a transaction whose COMMIT lost its connection: PostgreSQL keeps the outcome of every
 * recent transaction id, and {@code pg_xact_status} reads it from any other session. The resolution asks on a new
 * connection, again every {@value #PAUSE_MILLIS} ms while the server is unreachable or the old session has not yet
 * ended its transaction, for at most the resolution time.
 */
final class CommitResolution {

    private static final long PAUSE_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(CommitResolution.class);

    private final ConnectionProvider connections;
    private final Duration resolutionTime;

    CommitResolution(ConnectionProvider connections, Duration resolutionTime) {
        this.connections = connections;
        this.resolutionTime = resolutionTime;
    }

    /**
     * Returns when the transaction committed.
     *
     * @param transactionId the transaction's id, or null when it had written nothing
     * @param lost the failure of COMMIT
     * @throws ConnectionFailedException when the transaction did not commit (nothing was written)
     * @throws CommitOutcomeUnknownException when the server could not tell within the resolution time
     */
    void resolve(Long transactionId, SQLException lost) {
        if (transactionId == null) {
            throw new ConnectionFailedException(
                    lost.getSQLState(),
                    "The connection was lost at COMMIT of a transaction that had written nothing: " + lost.getMessage(),
                    lost);
        }
        long deadline = System.nanoTime() + resolutionTime.toNanos();
        Exception lastFailure = lost;
        do {
            String status;
            try {
                status = status(transactionId);
            } catch (SQLException | RuntimeException unreachable) {
                lastFailure = unreachable;
                continue;
            }
            if ("committed".equals(status)) {
                LOG.warn(
                        "COMMIT of transaction {} lost its connection ({}); pg_xact_status: committed",
                        transactionId,
                        lost.getMessage());
                return;
            }
            if ("aborted".equals(status)) {
                LOG.warn(
                        "COMMIT of transaction {} lost its connection ({}); pg_xact_status: rolled back",
                        transactionId,
                        lost.getMessage());
                throw new ConnectionFailedException(
                        lost.getSQLState(),
                        "The connection was lost at COMMIT and transaction " + transactionId + " was rolled back:"
                                + " nothing was written, running the call again is safe (" + lost.getMessage() + ")",
                        lost);
            }
            if (status == null) {
                break; // too old for the server to remember: it cannot tell
            }
            // "in progress": the old session has not noticed yet that its client is gone.
        } while (pause(deadline));
        LOG.warn(
                "COMMIT of transaction {} lost its connection ({}); outcome unknown after {} ms",
                transactionId,
                lost.getMessage(),
                resolutionTime.toMillis());
        throw new CommitOutcomeUnknownException(
                transactionId,
                "The connection was lost at COMMIT of transaction " + transactionId + " and the server could not tell"
                        + " within " + resolutionTime.toMillis() + " ms whether it committed (last: "
                        + lastFailure.getMessage() + "); ask later with SELECT pg_xact_status('" + transactionId
                        + "'::xid8), or retry with the same idempotency key",
                lost);
    }

    /** 'committed', 'aborted', 'in progress', or null when the server no longer knows the id. */
    private String status(long transactionId) throws SQLException {
        Connection connection = connections.acquire();
        try (PreparedStatement statement = connection.prepareStatement("select pg_xact_status(?::xid8)")) {
            statement.setString(1, Long.toString(transactionId));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } finally {
            connections.release(connection);
        }
    }

    /** Sleeps before the next attempt; false once the deadline has passed (or the thread was interrupted). */
    private static boolean pause(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
