package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load: concurrent orders on a few hot products, 5 % of them units of work that place two orders whose
 * products come in the opposite order to everyone else's. With {@link OrderRepository#placeOrders} no attempt may be
 * a deadlock victim. Attempts: {@code -Dfm.deadlock.attempts} (12,000); {@code -Dfm.deadlock.naive=true} places the
 * two orders with two {@code placeOrder} calls in one {@code inTransaction} instead, to measure what that costs.
 */
@MigratedDatabase
@Timeout(300)
class MultiOrderDeadlockTest {

    private static final int ATTEMPTS = Integer.getInteger("fm.deadlock.attempts", 12_000);
    private static final boolean NAIVE = Boolean.getBoolean("fm.deadlock.naive");
    private static final int THREADS = 8;
    private static final long SEED = 20261202L;

    @Test
    void multiOrderUnitsOfWork_neverDeadlockWithSingleOrders(TestDatabase db) throws Exception {
        OrderFixtures fixtures = new OrderFixtures(db.dsl());
        List<UUID> products = fixtures.inDatabaseOrder(List.of(
                fixtures.product("1.00"),
                fixtures.product("1.00"),
                fixtures.product("1.00"),
                fixtures.product("1.00"),
                fixtures.product("1.00"),
                fixtures.product("1.00")));
        for (UUID product : products) {
            fixtures.stock(product, 1_000_000);
            fixtures.stock(product, 1_000_000);
        }
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            customers.add(fixtures.user());
        }
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger unitsOrdered = new AtomicInteger();
        try (FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
                ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(SEED + t);
                int share = ATTEMPTS / THREADS + (t < ATTEMPTS % THREADS ? 1 : 0);
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        String outcome = attempt(market, random, products, customers, unitsOrdered);
                        outcomes.computeIfAbsent(outcome, key -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            System.out.println("MultiOrderDeadlockTest: " + ATTEMPTS + " attempts, " + (NAIVE ? "naive" : "placeOrders")
                    + ", outcomes " + new TreeMap<>(outcomes));
            assertThat(outcomes.keySet()).as("outcomes %s", outcomes).containsOnly("ok");
            assertThat(outcomes.get("ok").get()).isEqualTo(ATTEMPTS);
            assertThat(market.inventory().reconcile()).isEmpty();
            int reserved = 0;
            for (UUID product : products) {
                reserved += 2_000_000 - market.inventory().availableQuantity(product);
            }
            assertThat(reserved).as("units reserved").isEqualTo(unitsOrdered.get());
        }
    }

    /** One attempt: 95 % a single order of two or three hot products, 5 % two orders in one unit of work. */
    private static String attempt(
            FarmersMarketDb market, Random random, List<UUID> products, List<UUID> customers, AtomicInteger units) {
        UUID customer = customers.get(random.nextInt(customers.size()));
        try {
            if (random.nextInt(100) < 5) {
                // The later products first, then the earlier ones: the opposite of the order single orders lock in.
                PlaceOrder later = order(customer, products.subList(3, 6), random);
                PlaceOrder earlier = order(customer, products.subList(0, 3), random);
                if (NAIVE) {
                    market.inTransaction(tx -> {
                        tx.orders().placeOrder(later);
                        return tx.orders().placeOrder(earlier);
                    });
                } else {
                    market.orders().placeOrders(List.of(later, earlier));
                }
                units.addAndGet(unitsOf(later) + unitsOf(earlier));
            } else {
                List<UUID> chosen = new ArrayList<>(products);
                java.util.Collections.shuffle(chosen, random);
                PlaceOrder single = order(customer, chosen.subList(0, 2 + random.nextInt(2)), random);
                market.orders().placeOrder(single);
                units.addAndGet(unitsOf(single));
            }
            return "ok";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + (isDeadlock(e) ? " (deadlock 40P01)" : "");
        }
    }

    private static PlaceOrder order(UUID customer, List<UUID> products, Random random) {
        List<OrderLine> lines = new ArrayList<>();
        for (UUID product : products) {
            lines.add(new OrderLine(product, 1 + random.nextInt(3)));
        }
        return PlaceOrder.pickup(customer, lines);
    }

    private static int unitsOf(PlaceOrder order) {
        return order.lines().stream().mapToInt(OrderLine::quantity).sum();
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
