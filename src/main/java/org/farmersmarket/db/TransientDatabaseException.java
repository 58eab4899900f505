package org.farmersmarket.db;

/**
 * A failure that may pass by itself: the database was unreachable or went away, or the transaction lost a conflict
 * with a concurrent one. Whether running the same call again is safe depends on the subtype: see
 * {@link ConcurrencyConflictException} (nothing was written) and {@link ConnectionFailedException}.
 */
public abstract class TransientDatabaseException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the driver's or the pool's exception
     */
    protected TransientDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
