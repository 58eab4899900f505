package org.farmersmarket.db;

import java.time.Duration;

/**
 * A caller's name for one write, so that running the write again (after a timeout, a lost connection, a
 * {@link CommitOutcomeUnknownException}) never writes twice. The calls that take one ({@code placeOrder},
 * {@code restock}, {@code restockAll}, {@code adjust}, {@code refundPayment}) store it with their write in the same
 * transaction:
 *
 * <ul>
 *   <li>the first call with a key writes, and records the key;
 *   <li>a call with a recorded key and the same request writes nothing and returns the first call's result (an order
 *       or a payment as it is now; a stock change exactly as it was);
 *   <li>a call with a recorded key and another request, or for another operation, is refused with a
 *       {@link DuplicateException} naming the key (rule {@value #RULE});
 *   <li>a call while the first is still running waits for it, then does one of the above.
 * </ul>
 *
 * <p>Keys are global across operations and callers: make them unique, for example a UUID per user action. They are
 * kept until deleted: {@link FarmersMarketDb#deleteIdempotencyKeysOlderThan} (or {@code fmdb prune-keys}) deletes
 * those older than a retention, {@link #DEFAULT_RETENTION} unless you choose another; run it daily. A retry after its
 * key was deleted is a new request: it writes again. Keep the retention longer than any caller retries.
 *
 * @param value 1 to {@value #MAX_LENGTH} characters, no control characters, no unpaired surrogates
 */
public record IdempotencyKey(String value) {

    /** How long keys are kept unless the application chooses otherwise: 30 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /** The longest key, in characters (code points). */
    public static final int MAX_LENGTH = 200;

    /** The rule a key used for another request breaks, as {@link DuplicateException#rule()} names it. */
    public static final String RULE = "idempotency_keys_idempotency_key_key";

    /**
     * @throws InvalidInputException when the value is null, empty, too long, or has a control character or an
     *     unpaired surrogate
     */
    public IdempotencyKey {
        org.farmersmarket.db.internal.Arguments.text(value, "idempotencyKey", MAX_LENGTH);
        if (value.isEmpty() || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    "idempotencyKey",
                    "The idempotencyKey must be 1 to " + MAX_LENGTH + " characters without control" + " characters");
        }
    }

    /** The key with this value; see the constructor. */
    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
