package org.farmersmarket.db.internal;

import java.util.Comparator;
import java.util.UUID;

/** UUIDs in the order PostgreSQL sorts them. */
public final class Uuids {

    /**
     * PostgreSQL's order of {@code uuid} values: by their bytes, unsigned. {@link UUID#compareTo} compares the two
     * halves as signed numbers, which puts {@code 80000000-...} before {@code 00000000-...}.
     */
    public static final Comparator<UUID> POSTGRES_ORDER = Comparator.comparing(
                    UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private Uuids() {}
}
