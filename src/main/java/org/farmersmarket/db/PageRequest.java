package org.farmersmarket.db;

import java.util.Optional;
import org.farmersmarket.db.internal.Arguments;

/**
 * Which page of a keyset-paginated listing to fetch: at most {@code limit} rows after the row the cursor points
 * at. Keyset paging stays fast on deep pages and never skips or repeats a row when rows are inserted meanwhile.
 *
 * @param limit how many rows, 1 to {@value #MAX_LIMIT}
 * @param after the {@link Page#nextCursor()} of the previous page, or empty for the first page
 */
public record PageRequest(int limit, Optional<String> after) {

    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 500;

    /** Validates the limit. */
    public PageRequest {
        Arguments.required(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException(
                    "limit", "Page limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** The first page, with at most {@code limit} rows. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /** The page after the one that returned {@code cursor}. */
    public static PageRequest after(String cursor, int limit) {
        return new PageRequest(limit, Optional.of(Arguments.required(cursor, "cursor")));
    }
}
