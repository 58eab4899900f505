package org.farmersmarket.db.internal;

import static org.farmersmarket.db.jooq.Tables.IDEMPOTENCY_KEYS;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.jooq.enums.IdempotentOperation;
import org.farmersmarket.db.jooq.tables.records.IdempotencyKeysRecord;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Runs a write at most once per {@link IdempotencyKey}, inside the write's transaction: the key's row is inserted
 * before the write (a concurrent call with the same key waits on the unique index until this transaction ends) and
 * names the write's result after it, so the key exists exactly when the write committed. Two round trips more than
 * the write; a replay is two round trips plus reading the result.
 */
public final class IdempotentWrites {

    private IdempotentWrites() {}

    /** What a write produced, as the key's row stores it: one of the fields is set. */
    public record Recorded(UUID orderId, UUID historyId, UUID paymentId, Integer count) {
        public static Recorded order(UUID orderId) {
            return new Recorded(orderId, null, null, null);
        }

        public static Recorded history(UUID historyId) {
            return new Recorded(null, historyId, null, null);
        }

        public static Recorded payment(UUID paymentId) {
            return new Recorded(null, null, paymentId, null);
        }

        public static Recorded count(int count) {
            return new Recorded(null, null, null, count);
        }
    }

    /** A request in a canonical form, hashed: fields are length-prefixed, so no two requests share a form. */
    public static final class Request {
        private final StringBuilder form = new StringBuilder();

        /**
         * Appends a field; null and "absent" are one value. A database enum counts by its literal, which the stored
         * keys of earlier versions hashed and which does not change when the Java constant is renamed.
         */
        public Request with(Object field) {
            String text = field instanceof EnumType value ? value.getLiteral() : field == null ? "" : field.toString();
            form.append(field == null ? -1 : text.length())
                    .append(':')
                    .append(text)
                    .append(';');
            return this;
        }

        byte[] sha256() {
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest(form.toString().getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    /**
     * The write's result, written now or, when the key was used before for the same request, read back.
     *
     * @param tx the transaction the write runs in
     * @param write the write, run only when the key is new
     * @param recorded what of the result the key's row keeps
     * @param replay the result of an earlier write, from what its key's row kept
     * @throws DuplicateException when the key was used for another operation or another request
     */
    public static <T> T once(
            DSLContext tx,
            IdempotencyKey key,
            IdempotentOperation operation,
            Request request,
            Supplier<T> write,
            Function<T, Recorded> recorded,
            Function<Recorded, T> replay) {
        byte[] hash = request.sha256();
        boolean claimed = tx.insertInto(IDEMPOTENCY_KEYS)
                        .set(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY, key.value())
                        .set(IDEMPOTENCY_KEYS.OPERATION, operation)
                        .set(IDEMPOTENCY_KEYS.REQUEST_HASH, hash)
                        .onConflict(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY)
                        .doNothing()
                        .execute()
                == 1;
        if (!claimed) {
            return replay.apply(earlier(tx, key, operation, hash));
        }
        T result = write.get();
        Recorded kept = recorded.apply(result);
        tx.update(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.ORDER_ID, kept.orderId())
                .set(IDEMPOTENCY_KEYS.INVENTORY_HISTORY_ID, kept.historyId())
                .set(IDEMPOTENCY_KEYS.PAYMENT_ID, kept.paymentId())
                .set(IDEMPOTENCY_KEYS.RESULT_COUNT, kept.count())
                .where(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key.value()))
                .execute();
        return result;
    }

    /** How many keys one delete takes: a short transaction, a bounded lock set. */
    public static final int DELETE_BATCH = 1000;

    /**
     * Deletes up to {@link #DELETE_BATCH} keys recorded more than {@code age} ago, oldest first, skipping rows a
     * write in flight has locked.
     *
     * @return how many were deleted
     */
    public static int deleteOlderThan(DSLContext tx, Duration age) {
        Field<Instant> cutoff =
                DSL.field("now() - make_interval(secs => {0})", Instant.class, DSL.val((double) age.toSeconds()));
        return tx.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.ID.in(DSL.select(IDEMPOTENCY_KEYS.ID)
                        .from(IDEMPOTENCY_KEYS)
                        .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(cutoff))
                        .orderBy(IDEMPOTENCY_KEYS.CREATED_AT)
                        .limit(DELETE_BATCH)
                        .forUpdate()
                        .skipLocked()))
                .execute();
    }

    private static Recorded earlier(DSLContext tx, IdempotencyKey key, IdempotentOperation operation, byte[] hash) {
        IdempotencyKeysRecord row = tx.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key.value()))
                .fetchSingle();
        if (row.getOperation() != operation || !Arrays.equals(row.getRequestHash(), hash)) {
            throw new DuplicateException(
                    IdempotencyKey.RULE,
                    "Idempotency key '" + key + "' was first used at " + row.getCreatedAt() + " for another "
                            + (row.getOperation() == operation ? "request" : "operation (" + row.getOperation() + ")")
                            + "; a retry must repeat the first request exactly, a new request needs a new key",
                    null);
        }
        return new Recorded(row.getOrderId(), row.getInventoryHistoryId(), row.getPaymentId(), row.getResultCount());
    }
}
