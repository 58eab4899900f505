package org.farmersmarket.db;

/**
 * PostgreSQL aborted the transaction because it conflicted with a concurrent one (a deadlock or a serialization
 * failure). Nothing of it was written; running the same work again is safe and usually succeeds.
 */
public final class ConcurrencyConflictException extends TransientDatabaseException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message PostgreSQL's description of the conflict
     * @param cause the driver's exception
     */
    public ConcurrencyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
