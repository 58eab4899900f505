package org.farmersmarket.db;

/**
 * The connection was lost while the database committed the call's transaction, and the library could not find out
 * afterwards whether the commit happened: the server stayed unreachable (or the old session kept the transaction open)
 * for the whole resolution time, or the server no longer remembers the transaction id.
 *
 * <p>When the library <em>can</em> tell, the caller never sees this exception: a commit that happened returns the
 * call's result as usual, and one that did not is a {@link ConnectionFailedException} (nothing was written). Only
 * this case is a real "maybe". Retrying is safe for the calls that take an {@link IdempotencyKey} (pass the same
 * key: the first result comes back and nothing is written twice); for other writes, read back what the call would
 * have written before retrying.
 */
public final class CommitOutcomeUnknownException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final long transactionId;

    /**
     * @param transactionId the PostgreSQL transaction id ({@code xid8}) of the transaction
     * @param message what happened, and what the library tried
     * @param cause the driver's exception from the lost connection
     */
    public CommitOutcomeUnknownException(long transactionId, String message, Throwable cause) {
        super(message, cause);
        this.transactionId = transactionId;
    }

    /** The transaction's id, for {@code SELECT pg_xact_status('<id>'::xid8)} once the server answers again. */
    public long transactionId() {
        return transactionId;
    }
}
