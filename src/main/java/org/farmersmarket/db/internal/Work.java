package org.farmersmarket.db.internal;

import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The one way a public repository method reaches the database: {@link #read} or {@link #write}, once per call, after
 * its arguments are checked. Both translate the database's refusals into the library's exceptions ({@link Errors}),
 * here and nowhere else.
 */
public final class Work {

    private Work() {}

    /**
     * A read: runs {@code query} on the instance's context (inside a unit of work, on its transaction) and translates
     * any refusal.
     */
    public static <T> T read(Supplier<T> query) {
        return Errors.translate(query);
    }

    /**
     * A write: runs {@code work} in one transaction of the configuration's provider, even when it is a single
     * statement, so that a connection lost during its COMMIT is resolved by {@link UnitOfWork} (committed, rolled
     * back, or reported as unknown), never left to a guess; inside a unit of work it joins it. Refusals, the
     * transaction's own failures (begin, commit) included, are translated.
     *
     * @param work the write, given the transaction's context; everything it runs must use that context
     */
    public static <T> T write(DSLContext dsl, Function<DSLContext, T> work) {
        return Errors.translate(() -> dsl.transactionResult(transaction -> work.apply(transaction.dsl())));
    }

    /**
     * A clean-up in batches: runs {@code batch} as one {@link #write} after another until it deletes fewer than
     * {@code batchSize} rows, so a large backlog never holds its locks for long.
     *
     * @param batch one batch, given the transaction's context; returns how many rows it deleted
     * @return how many rows all batches deleted
     */
    public static long writeInBatches(DSLContext dsl, int batchSize, Function<DSLContext, Integer> batch) {
        long total = 0;
        int deleted;
        do {
            deleted = write(dsl, batch);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}
