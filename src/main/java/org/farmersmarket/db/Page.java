package org.farmersmarket.db;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paginated listing.
 *
 * @param items the rows of this page, in the listing's order
 * @param nextCursor an opaque cursor for the next page, or empty on the last page
 * @param <T> the row type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    /** Copies the items so the page is immutable. */
    public Page {
        items = List.copyOf(items);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }
}
