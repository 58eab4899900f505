package org.farmersmarket.db.migration;

import org.farmersmarket.db.FarmersMarketDbException;

/**
 * A migration could not be applied or validated. The message names the migration script and carries PostgreSQL's
 * own error; the database is left at the last migration that succeeded, because each migration runs in its own
 * transaction.
 */
public class MigrationFailedException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the script where there is one
     * @param cause Flyway's or the driver's exception; may be {@code null}
     */
    public MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
