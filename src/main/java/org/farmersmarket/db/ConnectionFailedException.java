package org.farmersmarket.db;

/**
 * No connection to the database, or the one in use was lost: the server is unreachable, refused the login, is
 * shutting down or restarting, has no connection slot left (53300), or the pool had no free connection within its
 * timeout ({@code pool_timeout}).
 *
 * <p>Nothing of the call's transaction was committed: a read, or a write, can be retried once the database answers
 * again. When the connection is lost during a write's COMMIT the library asks the server what became of the
 * transaction, and reports this exception only when it was rolled back; when the server cannot tell, the call fails
 * with {@link CommitOutcomeUnknownException} instead (see {@link FarmersMarketDb}'s failure contract).
 *
 * @see #sqlState()
 */
public final class ConnectionFailedException extends TransientDatabaseException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * @param sqlState the SQL state of the failure ({@code 08001}, {@code 57P01}, {@code 53300}, ...), or null when
     *     the pool gave up waiting without one
     * @param message what failed, and what to check
     * @param cause the driver's or the pool's exception
     */
    public ConnectionFailedException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQL state of the failure, or null when the pool gave up waiting for a connection. */
    public String sqlState() {
        return sqlState;
    }
}
