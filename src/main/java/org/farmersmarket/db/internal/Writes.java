package org.farmersmarket.db.internal;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Every write of the library runs in a transaction of the configuration's transaction provider, even a single
 * statement: so a connection lost during its COMMIT is resolved by the provider (committed, rolled back, or
 * reported as unknown), never left to a guess, and a write inside a caller's transaction joins it.
 */
public final class Writes {

    private Writes() {}

    /** Runs the work in a transaction (or the caller's) and translates any refusal. */
    public static <T> T inTransaction(DSLContext dsl, Function<DSLContext, T> work) {
        return Errors.translate(() -> dsl.transactionResult(trx -> work.apply(trx.dsl())));
    }
}
