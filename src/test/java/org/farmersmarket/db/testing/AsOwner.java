package org.farmersmarket.db.testing;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Writes a test makes as the tables' owner (the server's administrator): states the application role may not create,
 * such as stock without history, which the ledger's checks must then find.
 */
public final class AsOwner {

    private AsOwner() {}

    /** A jOOQ context on the test database's administrator connection. */
    public static DSLContext dsl(TestDatabase db) {
        return DSL.using(db.adminDataSource(), SQLDialect.POSTGRES);
    }
}
