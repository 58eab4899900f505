package org.farmersmarket.db;

/**
 * The connections go through a pooler in transaction mode (PgBouncer) but the connection string does not say so:
 * a statement met a server connection that lacks (26000) or already has (42P05) the prepared statement the driver
 * expected, because consecutive transactions of one client connection ran on different server connections. Not
 * retryable: add {@code pgbouncer=true} to the connection string ({@code DATABASE_URL}), which turns the driver's
 * server-side prepared statements off. Until then, any transaction on such connections may be split across server
 * connections; see docs/deploying.md, "PgBouncer".
 */
public final class PoolerModeException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what the server said, and what to change
     * @param cause the driver's exception
     */
    public PoolerModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
