package org.farmersmarket.db.internal;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The database's clock, the one column defaults and expiries are compared with. */
public final class DatabaseTime {

    private DatabaseTime() {}

    /**
     * The database's {@code now()} (the transaction's start). Not {@code DSL.currentInstant()}: jOOQ renders that as
     * a round trip through {@code timestamp} in the session's zone, which shifts by an hour in a DST fall-back hour.
     */
    public static Field<Instant> now() {
        return DSL.currentOffsetDateTime().coerce(SQLDataType.INSTANT);
    }
}
