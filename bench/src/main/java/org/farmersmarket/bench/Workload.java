package org.farmersmarket.bench;

import java.util.List;
import java.util.function.BiFunction;

/** The eight workloads: what each runs on a peer, and its pgbench script in bench/pgbench. */
enum Workload {
    PRODUCT_BY_ID("1. Product by id", "product_by_id.sql", (peer, in) -> peer.productById(in.product())),
    SEARCH(
            "2. Product search page (category subtree + price range, by price, 20 rows)",
            "search.sql",
            (peer, in) -> peer.search(in.search())),
    DETAIL(
            "3. Product detail (vendor, category path, stock, rating summary, 5 latest reviews)",
            "detail.sql",
            (peer, in) -> peer.detail(in.product())),
    PLACE_ORDER(
            "4. Place an order of 3 lines (one transaction)",
            "place_order.sql",
            (peer, in) -> peer.placeOrder(in.customer(), in.orderProducts())),
    ORDER_BY_ID("5. Order with items and payments", "order_by_id.sql", (peer, in) -> peer.orderById(in.order())),
    HISTORY(
            "6. Inventory history page of a product (50 rows, newest first)",
            "history.sql",
            (peer, in) -> peer.history(in.product())),
    RESTOCK_ALL(
            "7. Bulk restock of 10,000 lots with their history rows (one transaction)",
            "restock_all.sql",
            (peer, in) -> peer.restockAll(Inputs.ALL_LOTS)),
    SIGNED_IN(
            "8. Signed-in request: a session with its user (Auth.js getSessionAndUser)",
            "signed_in.sql",
            (peer, in) -> peer.sessionAndUser(in.sessionToken()));

    final String title;
    final String script;
    final BiFunction<Peer, Inputs, String> operation;

    Workload(String title, String script, BiFunction<Peer, Inputs, String> operation) {
        this.title = title;
        this.script = script;
        this.operation = operation;
    }

    static List<Workload> all() {
        return List.of(values());
    }

    /** Workloads by number (1-8), comma-separated; blank means all of them. */
    static List<Workload> parse(String numbers) {
        if (numbers.isBlank()) {
            return all();
        }
        return java.util.Arrays.stream(numbers.split(","))
                .map(String::trim)
                .map(number -> {
                    int index = Integer.parseInt(number) - 1;
                    if (index < 0 || index >= values().length) {
                        throw new IllegalArgumentException("no workload " + number + "; they are 1-" + values().length);
                    }
                    return values()[index];
                })
                .toList();
    }

    /**
     * Seconds to measure in a round: bulk restock takes 0.3-3 s per operation, and with 4 clients all restocking the
     * same lots they queue, so it gets at least 10 s a round to count more than a handful of operations.
     */
    int measureSeconds(int requested) {
        return this == RESTOCK_ALL ? Math.max(requested, 10) : requested;
    }

    /** Seconds of warm-up: one restock is enough to warm its path, the rest gets the requested time. */
    int warmupSeconds(int requested) {
        return this == RESTOCK_ALL ? Math.min(requested, 1) : requested;
    }

    /**
     * Whether a peer runs this workload: the sign-in read (issue 23's target is against plain JDBC) is implemented by
     * the library, plain JDBC and pgbench only, not by the Hibernate and Prisma peers.
     */
    boolean runsOn(String peer) {
        return this != SIGNED_IN || List.of("ours", "jdbc", "pgbench").contains(peer);
    }

    /** Whether the workload only reads (the JVM warm-up runs those). */
    boolean isRead() {
        return this != PLACE_ORDER && this != RESTOCK_ALL;
    }
}
