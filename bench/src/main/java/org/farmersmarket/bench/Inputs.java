package org.farmersmarket.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** The inputs of one operation, drawn from a seeded generator so every peer sees the same sequence. */
final class Inputs {

    static final int PRODUCTS = 5_000;
    static final int ORDERS = 20_000;
    static final int CUSTOMERS = 1_000;
    static final int LOTS_PER_PRODUCT = 2;

    /** Every lot, in the order a bulk restock passes them. */
    static final List<UUID> ALL_LOTS = allLots();

    private final SplittableRandom random;

    Inputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    UUID product() {
        return Ids.product(1 + random.nextInt(PRODUCTS));
    }

    /**
     * Three distinct active products for an order: one each with the last digit 1-3, 4-6 and 7-9 (every product
     * whose index ends in 0 is inactive). pgbench's place-order script draws them the same way.
     */
    List<UUID> orderProducts() {
        return List.of(
                Ids.product(10 * random.nextInt(500) + 1 + random.nextInt(3)),
                Ids.product(10 * random.nextInt(500) + 4 + random.nextInt(3)),
                Ids.product(10 * random.nextInt(500) + 7 + random.nextInt(3)));
    }

    UUID customer() {
        return Ids.customer(1 + random.nextInt(CUSTOMERS));
    }

    String sessionToken() {
        return Ids.sessionToken(1 + random.nextInt(CUSTOMERS));
    }

    UUID order() {
        return Ids.order(1 + random.nextInt(ORDERS));
    }

    Search search() {
        int low = 1 + random.nextInt(30);
        return new Search(
                Ids.rootCategory(1 + random.nextInt(5)), BigDecimal.valueOf(low), BigDecimal.valueOf(low + 10L));
    }

    /** A search: category subtree, active products only, price range, cheapest first, 20 rows. */
    record Search(UUID rootCategory, BigDecimal minPrice, BigDecimal maxPrice) {}

    private static List<UUID> allLots() {
        List<UUID> lots = new ArrayList<>();
        for (int product = 1; product <= PRODUCTS; product++) {
            for (int lot = 1; lot <= LOTS_PER_PRODUCT; lot++) {
                lots.add(Ids.lot(product, lot));
            }
        }
        return List.copyOf(lots);
    }
}
