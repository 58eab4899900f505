package org.farmersmarket.db.catalog;

/** The orders a {@link ProductSearch} can list products in. Every order ends on the id, so it is total. */
public enum ProductSort {
    /** Newest first: creation time descending, then id descending. */
    NEWEST,
    /** Cheapest first: price ascending, then id ascending. */
    PRICE_ASC,
    /** Dearest first: price descending, then id descending. */
    PRICE_DESC,
    /** Best rated first: average rating descending, products without reviews last, then id ascending. */
    RATING
}
