package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many customers ordering the last units at the same moment. */
@MigratedDatabase
class PlaceOrderConcurrencyTest {

    private static final int THREADS = 8;

    private DSLContext dsl;
    private OrderFixtures fixtures;
    private OrderRepository orders;
    private ExecutorService executor;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        fixtures = new OrderFixtures(dsl);
        orders = new OrderRepository(dsl);
        executor = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void placeOrder_concurrentlyForTheLastUnits_neverOversells_andKeepsTheLedgerBalanced() throws Exception {
        UUID carrots = fixtures.product("1.00");
        fixtures.stock(carrots, 3);
        fixtures.stock(carrots, 2);
        List<PlaceOrder> requests = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            requests.add(PlaceOrder.pickup(fixtures.user(), List.of(new OrderLine(carrots, 2))));
        }

        List<Outcome> outcomes = placeAllAtOnce(requests);

        // 5 units, 2 per order: exactly two orders fit.
        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(2);
        assertThat(outcomes)
                .filteredOn(outcome -> !outcome.succeeded())
                .hasSize(THREADS - 2)
                .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(InsufficientStockException.class));
        assertThat(fixtures.available(carrots)).isEqualTo(1);
        assertThat(dsl.fetchCount(ORDER_ITEMS, ORDER_ITEMS.PRODUCT_ID.eq(carrots)))
                .isEqualTo(2);
        assertLedgerBalanced(carrots, 4);
    }

    @Test
    void placeOrder_concurrentlyForTwoProductsInOppositeLineOrder_neitherDeadlocksNorOversells() throws Exception {
        UUID vendor = fixtures.vendor();
        UUID apples = fixtures.product(vendor, "1.00");
        UUID pears = fixtures.product(vendor, "2.00");
        fixtures.stock(apples, 5);
        fixtures.stock(pears, 3);
        List<PlaceOrder> requests = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            List<OrderLine> lines = i % 2 == 0
                    ? List.of(new OrderLine(apples, 1), new OrderLine(pears, 1))
                    : List.of(new OrderLine(pears, 1), new OrderLine(apples, 1));
            requests.add(PlaceOrder.pickup(fixtures.user(), lines));
        }

        List<Outcome> outcomes = placeAllAtOnce(requests);

        // Pears run out after three orders; every other order fails on stock, none on a deadlock.
        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(3);
        assertThat(outcomes)
                .filteredOn(outcome -> !outcome.succeeded())
                .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(InsufficientStockException.class));
        assertThat(fixtures.available(apples)).isEqualTo(2);
        assertThat(fixtures.available(pears)).isZero();
        assertLedgerBalanced(apples, 3);
        assertLedgerBalanced(pears, 3);
    }

    @Test
    void placingCancellingAndCompletingAtOnce_onSharedMultiLotProducts_neverDeadlocks() throws Exception {
        UUID vendor = fixtures.vendor();
        UUID apples = fixtures.product(vendor, "1.00");
        UUID pears = fixtures.product(vendor, "2.00");
        for (int lot = 0; lot < 3; lot++) {
            fixtures.stock(apples, 10);
            fixtures.stock(pears, 10);
        }
        List<UUID> existing = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            List<OrderLine> lines = List.of(new OrderLine(pears, 2), new OrderLine(apples, 2));
            existing.add(
                    orders.placeOrder(PlaceOrder.pickup(fixtures.user(), lines)).id());
        }
        for (UUID order : existing.subList(0, THREADS / 2)) {
            orders.changeStatus(order, OrderStatus.CONFIRMED, Actor.SYSTEM);
            orders.changeStatus(order, OrderStatus.PREPARING, Actor.SYSTEM);
            orders.changeStatus(order, OrderStatus.READY, Actor.SYSTEM);
        }
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            UUID order = existing.get(i);
            OrderStatus settle = i < THREADS / 2 ? OrderStatus.COMPLETED : OrderStatus.CANCELLED;
            List<OrderLine> lines = List.of(new OrderLine(apples, 1), new OrderLine(pears, 1));
            PlaceOrder placement = PlaceOrder.pickup(fixtures.user(), lines);
            tasks.add(() -> orders.changeStatus(order, settle, Actor.SYSTEM));
            tasks.add(() -> orders.placeOrder(placement));
        }

        List<Future<Object>> results = executor.invokeAll(tasks, 2, TimeUnit.MINUTES);

        // Every task succeeds: with every lot locked in id order, no pair of them can deadlock.
        for (Future<Object> result : results) {
            assertThat(outcomeOf(result).failure()).isNull();
        }
        // 8 new orders of 1 each stay reserved; the 4 cancelled released theirs, the 4 completed sold theirs.
        assertLedgerBalanced(apples, THREADS);
        assertLedgerBalanced(pears, THREADS);
        assertThat(fixtures.available(apples)).isEqualTo(30 - THREADS / 2 * 2 - THREADS);
    }

    private void assertLedgerBalanced(UUID productId, int expectedReserved) {
        List<OrderFixtures.LotBalance> lots = fixtures.lotBalances(productId);
        assertThat(lots).allSatisfy(lot -> {
            assertThat(lot.sumOfQuantityChanges()).isEqualTo(lot.onHand());
            assertThat(lot.sumOfReservedChanges()).isEqualTo(lot.reserved());
            assertThat(lot.reserved()).isBetween(0, lot.onHand());
        });
        assertThat(lots.stream().mapToInt(OrderFixtures.LotBalance::reserved).sum())
                .isEqualTo(expectedReserved);
    }

    /** Starts every placement behind one gate so they hit the database together; collects what each did. */
    private List<Outcome> placeAllAtOnce(List<PlaceOrder> requests) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Order>> futures = new ArrayList<>();
        for (PlaceOrder request : requests) {
            futures.add(executor.submit(() -> {
                ready.countDown();
                start.await();
                return orders.placeOrder(request);
            }));
        }
        assertThat(ready.await(1, TimeUnit.MINUTES)).isTrue();
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Order> future : futures) {
            outcomes.add(outcomeOf(future));
        }
        return outcomes;
    }

    private static Outcome outcomeOf(Future<?> future) throws InterruptedException {
        try {
            future.get(2, TimeUnit.MINUTES);
            return new Outcome(null);
        } catch (ExecutionException e) {
            return new Outcome(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("an order placement never finished", e);
        }
    }

    private record Outcome(Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }
    }
}
