package org.farmersmarket.db.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;

/** Walks a keyset listing from its first page to its last, for tests of the listings. */
public final class Pages {

    private Pages() {}

    /** Every item of the listing, page by page of {@code limit}, in the order the pages give them. */
    public static <T> List<T> all(Function<PageRequest, Page<T>> list, int limit) {
        List<T> items = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(limit));
        items.addAll(page.items());
        while (page.hasNext()) {
            page = list.apply(PageRequest.after(page.nextCursor().orElseThrow(), limit));
            items.addAll(page.items());
        }
        return items;
    }
}
