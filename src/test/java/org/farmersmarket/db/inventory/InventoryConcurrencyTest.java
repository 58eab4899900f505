package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.testing.TestTags.SEVERAL_CONNECTIONS;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many writers at once on the same lots: no oversell, no lost update, no deadlock, and the ledger still reconciles.
 * No test here writes around the repository, so {@link InventoryRepository#reconcile()} must stay empty.
 */
@MigratedDatabase
class InventoryConcurrencyTest extends OneProductTestBase {

    private static final int THREADS = 8;

    private TestDatabase db;
    private ExecutorService executor;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        executor = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Starts every task at once behind a start gate and waits for all of them. */
    private <T> List<Future<T>> runAtOnce(List<Callable<T>> tasks) throws InterruptedException {
        CountDownLatch startGate = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(executor.submit(() -> {
                startGate.await();
                return task.call();
            }));
        }
        startGate.countDown();
        for (Future<T> future : futures) {
            try {
                future.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Inspected by the caller.
            }
        }
        return futures;
    }

    private static Throwable failureOf(Future<?> future) {
        return future.state() == Future.State.FAILED ? future.exceptionNow() : null;
    }

    @Test
    void reserve_byEightThreadsOfOneUnitEach_withFiveAvailable_letsExactlyFiveSucceed() throws Exception {
        UUID lot = inventory.createItem(NewInventoryItem.defaultLot(product)).id();
        inventory.restock(new Restock(lot, 5), Actor.user(user));
        List<Callable<List<StockChange>>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            UUID order = fixtures.order();
            tasks.add(() -> inventory.reserve(new Reservation(order, Map.of(product, 1)), Actor.user(user)));
        }

        List<Future<List<StockChange>>> results = runAtOnce(tasks);

        assertThat(results)
                .filteredOn(future -> future.state() == Future.State.SUCCESS)
                .hasSize(5);
        assertThat(results)
                .filteredOn(future -> future.state() == Future.State.FAILED)
                .hasSize(3)
                .allSatisfy(future -> assertThat(failureOf(future))
                        .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                            assertThat(e.productId()).isEqualTo(product);
                            assertThat(e.requested()).isEqualTo(1);
                            assertThat(e.available()).isZero();
                        }));
        InventoryItem item = fixtures.item(lot);
        assertThat(item.quantityReserved()).isEqualTo(5);
        assertThat(item.quantityOnHand()).isEqualTo(5);
        assertThat(fixtures.historyOf(lot))
                .filteredOn(change -> change.reason() == InventoryChangeReason.RESERVATION)
                .hasSize(5)
                .extracting(StockChange::reservedAfter)
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(inventory.reconcile()).isEmpty();
    }

    @Test
    void restock_byEightThreadsOnOneLot_losesNoUpdate() throws Exception {
        UUID lot = inventory.createItem(NewInventoryItem.defaultLot(product)).id();
        int restocksPerThread = 25;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            tasks.add(() -> {
                for (int n = 0; n < restocksPerThread; n++) {
                    inventory.restock(new Restock(lot, 1), Actor.user(user));
                }
                return null;
            });
        }

        List<Future<Void>> results = runAtOnce(tasks);

        assertThat(results).allSatisfy(future -> assertThat(failureOf(future)).isNull());
        int total = THREADS * restocksPerThread;
        assertThat(fixtures.item(lot).quantityOnHand()).isEqualTo(total);
        assertThat(fixtures.historyOf(lot))
                .hasSize(total)
                .extracting(StockChange::quantityAfter)
                .doesNotHaveDuplicates()
                .allMatch(after -> after >= 1 && after <= total);
        assertThat(inventory.reconcile()).isEmpty();
    }

    @Test
    void restockAll_byThreadsOnTheSameLotsInDifferentOrders_neverDeadlocks() throws Exception {
        List<UUID> lots = fixtures.emptyLots(product, 300);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            List<Restock> restocks = new ArrayList<>(
                    lots.stream().map(lot -> new Restock(lot, 1)).toList());
            // Each thread asks in its own order; locking in id order is what keeps them from deadlocking.
            Collections.shuffle(restocks, new Random(i));
            tasks.add(() -> inventory.restockAll(restocks, Actor.user(user)));
        }

        List<Future<Integer>> results = runAtOnce(tasks);

        assertThat(results).allSatisfy(future -> assertThat(failureOf(future)).isNull());
        assertThat(db.dsl()
                        .selectDistinct(INVENTORY_ITEMS.QUANTITY_ON_HAND)
                        .from(INVENTORY_ITEMS)
                        .where(INVENTORY_ITEMS.ID.in(lots))
                        .fetch(INVENTORY_ITEMS.QUANTITY_ON_HAND))
                .containsExactly(THREADS);
        assertThat(fixtures.historyCount(lots)).isEqualTo(THREADS * lots.size());
        assertThat(inventory.reconcile()).isEmpty();
    }

    @Test
    void reserveAndRestock_mixedOnOneLot_reserveOnlyWhatIsInStock() throws Exception {
        UUID lot = inventory.createItem(NewInventoryItem.defaultLot(product)).id();
        inventory.restock(new Restock(lot, 3), Actor.user(user));
        List<Callable<List<StockChange>>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            UUID order = fixtures.order();
            Callable<List<StockChange>> task = i % 2 == 0
                    ? () -> inventory.reserve(new Reservation(order, Map.of(product, 2)), Actor.user(user))
                    : () -> List.of(inventory.restock(new Restock(lot, 1), Actor.user(user)));
            tasks.add(task);
        }

        List<Future<List<StockChange>>> results = runAtOnce(tasks);

        List<Future<List<StockChange>>> reserveResults = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            if (i % 2 == 0) {
                reserveResults.add(results.get(i));
            } else {
                assertThat(failureOf(results.get(i))).as("restock %d", i).isNull();
            }
        }
        assertThat(reserveResults)
                .filteredOn(future -> future.state() == Future.State.FAILED)
                .allSatisfy(future -> assertThat(failureOf(future)).isInstanceOf(InsufficientStockException.class));
        long reserved = reserveResults.stream()
                .filter(future -> future.state() == Future.State.SUCCESS)
                .count();
        InventoryItem item = fixtures.item(lot);
        assertThat(reserved).isPositive();
        assertThat(item.quantityOnHand()).isEqualTo(3 + THREADS / 2);
        assertThat(item.quantityReserved()).isEqualTo(2 * (int) reserved);
        assertThat(inventory.reconcile()).isEmpty();
    }

    /**
     * Both calls read what the order reserved, then queue on the lot lock that a third transaction holds; once it
     * commits they run one after the other. Whichever runs second must find the order settled and do nothing.
     */
    // Holds connections of the application's pool at once: in CI's pooler leg it runs with connection_limit=4.
    @Tag(SEVERAL_CONNECTIONS)
    @Test
    void releaseAndSale_ofTheSameOrderQueuedOnTheLot_settleItOnlyOnce() throws Exception {
        UUID lot = inventory.createItem(NewInventoryItem.defaultLot(product)).id();
        inventory.restock(new Restock(lot, 10), Actor.user(user));
        UUID settled = fixtures.order();
        UUID other = fixtures.order();
        inventory.reserve(new Reservation(settled, Map.of(product, 3)), Actor.user(user));
        inventory.reserve(new Reservation(other, Map.of(product, 4)), Actor.user(user));
        List<Future<List<StockChange>>> results;

        try (Connection blocker = db.dataSource().getConnection();
                Connection observer = db.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            DSL.using(blocker, SQLDialect.POSTGRES)
                    .selectFrom(INVENTORY_ITEMS)
                    .where(INVENTORY_ITEMS.ID.eq(lot))
                    .forUpdate()
                    .fetchSingle();
            results = List.of(
                    executor.submit(() -> inventory.releaseReservations(settled, Actor.user(user))),
                    executor.submit(() -> inventory.recordSale(settled, Actor.user(user))));
            awaitSessionsWaitingForLocks(observer, 2);
            blocker.commit();
        }

        List<List<StockChange>> outcomes = new ArrayList<>();
        for (Future<List<StockChange>> result : results) {
            outcomes.add(result.get(60, TimeUnit.SECONDS));
        }
        assertThat(outcomes).filteredOn(List::isEmpty).hasSize(1);
        List<StockChange> done = outcomes.stream()
                .filter(outcome -> !outcome.isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(done)
                .singleElement()
                .satisfies(change -> assertThat(change.reservedChange()).isEqualTo(-3));
        InventoryItem item = fixtures.item(lot);
        assertThat(item.quantityReserved()).isEqualTo(4);
        assertThat(item.quantityOnHand()).isEqualTo(done.getFirst().reason() == InventoryChangeReason.SALE ? 7 : 10);
        assertThat(inventory.reconcile()).isEmpty();
    }

    /**
     * Polls, from an auto-commit connection (a transaction would see one frozen snapshot of pg_stat_activity), until
     * {@code count} sessions of this database wait for a lock. No duration is asserted.
     */
    private static void awaitSessionsWaitingForLocks(Connection observer, int count)
            throws SQLException, InterruptedException {
        String waiting = "SELECT count(*)::int FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'";
        for (int attempt = 0; attempt < 1200; attempt++) {
            if (Sql.queryOne(observer, waiting, Integer.class) >= count) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(count + " sessions never queued on the lot lock");
    }
}
