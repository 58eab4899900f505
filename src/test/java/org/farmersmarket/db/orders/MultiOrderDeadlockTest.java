package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.farmersmarket.db.testing.TestTags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load: concurrent orders on a few hot products, some of them units of work that place two orders whose
 * products come in the opposite order to everyone else's. With {@link OrderRepository#placeOrders} no attempt may be
 * a deadlock victim.
 *
 * <p>The default suite runs 1,000 attempts with 30 % two-order units (a few seconds), and checks deterministically
 * that {@code placeOrders} takes every lock before its first order: either fails when the orders lock one after the
 * other. The stress run (tag {@value TestTags#STRESS}, its own CI step) is the 12,000 attempts with 5 %
 * two-order units. Attempts: {@code -Dfm.deadlock.attempts}; {@code -Dfm.deadlock.naive=true} places the two orders
 * with two {@code placeOrder} calls in one {@code inTransaction} instead, to measure what that costs.
 */
@MigratedDatabase
@Timeout(300)
class MultiOrderDeadlockTest {

    private static final int STRESS_ATTEMPTS = Integer.getInteger("fm.deadlock.attempts", 12_000);
    private static final int QUICK_ATTEMPTS = 1_000;
    private static final boolean NAIVE = Boolean.getBoolean("fm.deadlock.naive");
    private static final int THREADS = 8;
    private static final long SEED = 20261202L;

    @Test
    void multiOrderUnitsOfWork_neverDeadlockWithSingleOrders_inAShortRunWithManyReversedUnits(TestDatabase db)
            throws Exception {
        run(db, QUICK_ATTEMPTS, 30);
    }

    @Test
    @Tag(TestTags.STRESS)
    void multiOrderUnitsOfWork_neverDeadlockWithSingleOrders(TestDatabase db) throws Exception {
        run(db, STRESS_ATTEMPTS, 5);
    }

    /**
     * While another session holds the first product, {@code placeOrders} of the later products then the earlier
     * ones waits for it holding nothing: it locks all the products (and then their lots) in id order before placing
     * the first order, so the later products stay free. Placing the orders one after the other would hold the later
     * products' locks while waiting: the half of a deadlock.
     */
    @Test
    void placeOrders_waitingForItsFirstProduct_holdsNoLockOnTheOthers(TestDatabase db) throws Exception {
        OrderFixtures fixtures = new OrderFixtures(db.dsl());
        List<UUID> products = hotProducts(fixtures);
        UUID customer = fixtures.user();
        PlaceOrder later = PlaceOrder.pickup(customer, lines(products.subList(3, 6)));
        PlaceOrder earlier = PlaceOrder.pickup(customer, lines(products.subList(0, 3)));
        try (FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
                ExecutorService placing = Executors.newSingleThreadExecutor();
                Connection blocker = db.adminDataSource().getConnection();
                Connection probe = db.adminDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            lockProduct(blocker, products.get(0), "");
            Future<List<Order>> placed = placing.submit(() -> market.orders().placeOrders(List.of(later, earlier)));
            awaitWaiterOn(blocker, placed);

            probe.setAutoCommit(false);
            for (UUID product : products.subList(3, 6)) {
                assertThatCode(() -> lockProduct(probe, product, " NOWAIT"))
                        .as("a product of the later order, while placeOrders waits for the first product")
                        .doesNotThrowAnyException();
            }
            probe.rollback();
            blocker.rollback();
            assertThat(placed.get(30, TimeUnit.SECONDS)).hasSize(2);
        }
    }

    private static List<OrderLine> lines(List<UUID> products) {
        return products.stream().map(product -> new OrderLine(product, 1)).toList();
    }

    private static void lockProduct(Connection connection, UUID product, String wait) throws SQLException {
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT id FROM products WHERE id = ? FOR UPDATE" + wait)) {
            lock.setObject(1, product);
            lock.executeQuery().close();
        }
    }

    /** Waits until a session waits for a lock {@code blocker} holds (the placement, which cannot end before). */
    private static void awaitWaiterOn(Connection blocker, Future<?> placement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (PreparedStatement waiting = blocker.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))")) {
            while (System.nanoTime() < deadline) {
                assertThat(placement.isDone())
                        .as("placeOrders ended while the first product was locked")
                        .isFalse();
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("placeOrders never waited for the locked product");
    }

    private static List<UUID> hotProducts(OrderFixtures fixtures) {
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
        return products;
    }

    /** {@code attempts} attempts on 8 threads, {@code reversedPercent} % of them two-order units of work. */
    private static void run(TestDatabase db, int attempts, int reversedPercent) throws Exception {
        OrderFixtures fixtures = new OrderFixtures(db.dsl());
        List<UUID> products = hotProducts(fixtures);
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
                int share = attempts / THREADS + (t < attempts % THREADS ? 1 : 0);
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        String outcome = attempt(market, random, reversedPercent, products, customers, unitsOrdered);
                        outcomes.computeIfAbsent(outcome, key -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            System.out.println("MultiOrderDeadlockTest: " + attempts + " attempts, " + reversedPercent
                    + " % two-order units, " + (NAIVE ? "naive" : "placeOrders") + ", outcomes "
                    + new TreeMap<>(outcomes));
            assertThat(outcomes.keySet()).as("outcomes %s", outcomes).containsOnly("ok");
            assertThat(outcomes.get("ok").get()).isEqualTo(attempts);
            assertThat(market.inventory().reconcile()).isEmpty();
            int reserved = 0;
            for (UUID product : products) {
                reserved += 2_000_000 - market.inventory().availableQuantity(product);
            }
            assertThat(reserved).as("units reserved").isEqualTo(unitsOrdered.get());
        }
    }

    /** One attempt: a single order of two or three hot products, or (reversedPercent %) two orders in one unit. */
    private static String attempt(
            FarmersMarketDb market,
            Random random,
            int reversedPercent,
            List<UUID> products,
            List<UUID> customers,
            AtomicInteger units) {
        UUID customer = customers.get(random.nextInt(customers.size()));
        try {
            if (random.nextInt(100) < reversedPercent) {
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
