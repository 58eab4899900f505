package org.farmersmarket.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.IDEMPOTENCY_KEYS;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.ORDERS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.ConnectionFailedException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.TransientDatabaseException;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A backend killed in the middle of a write (while it waits for a lot lock another session holds), and a pool with
 * no free connection: typed errors, nothing half-written, and a retry with the same idempotency key writes exactly
 * once.
 */
@MigratedDatabase
@Timeout(60)
// Alone: its faults and timeouts are timed, and classes running beside it on two cores would skew them.
@Isolated
class BackendFailuresTest {

    private final TestDatabase db;
    private FarmersMarketDb market;
    private UUID customer;
    private UUID product;
    private UUID lot;

    BackendFailuresTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() {
        market = FarmersMarketDb.connect(
                db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "connection_limit=2&pool_timeout=1",
                db.user(),
                db.password());
        StockedProduct stocked = StockedProduct.create(db.dsl(), market, 10);
        customer = stocked.customer();
        product = stocked.product();
        lot = stocked.lot();
    }

    @AfterEach
    void close() {
        market.close();
    }

    @Test
    void aBackendKilledMidPlaceOrder_isAConnectionFailure_writesNothing_andTheRetryPlacesOneOrder() throws Exception {
        IdempotencyKey key = IdempotencyKey.of("kill-order-" + UUID.randomUUID());
        PlaceOrder request = PlaceOrder.pickup(customer, List.of(new OrderLine(product, 4)));

        Throwable failure = killedWhileWaitingForTheLot(() -> market.orders().placeOrder(request, key));

        assertThat(failure)
                .isInstanceOf(ConnectionFailedException.class)
                .isInstanceOf(TransientDatabaseException.class);
        assertThat(((ConnectionFailedException) failure).sqlState()).matches("57P01|08006|08003");
        assertNothingWritten(key);

        Order placed = market.orders().placeOrder(request, key);
        Order again = market.orders().placeOrder(request, key);
        assertThat(again.id()).isEqualTo(placed.id());
        assertThat(db.dsl().fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customer))).isOne();
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(6);
        assertThat(market.inventory().reconcile()).isEmpty();
    }

    @Test
    void aBackendKilledMidRestock_isAConnectionFailure_writesNothing_andTheRetryRestocksOnce() throws Exception {
        IdempotencyKey key = IdempotencyKey.of("kill-restock-" + UUID.randomUUID());

        Throwable failure = killedWhileWaitingForTheLot(
                () -> market.inventory().restock(new Restock(lot, 5, "truck"), Actor.SYSTEM, key));

        assertThat(failure).isInstanceOf(ConnectionFailedException.class);
        assertNothingWritten(key);

        market.inventory().restock(new Restock(lot, 5, "truck"), Actor.SYSTEM, key);
        market.inventory().restock(new Restock(lot, 5, "truck"), Actor.SYSTEM, key);
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(15);
        assertThat(db.dsl()
                        .fetchCount(
                                INVENTORY_HISTORY,
                                INVENTORY_HISTORY.NOTE.eq("truck").and(INVENTORY_HISTORY.INVENTORY_ITEM_ID.eq(lot))))
                .isOne();
        assertThat(market.inventory().reconcile()).isEmpty();
    }

    @Test
    void anExhaustedPool_isAConnectionFailureAfterThePoolTimeout_andTheNextCallWorks() throws Exception {
        CountDownLatch holding = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Object>> holders = List.of(hold(holding, release), hold(holding, release));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> market.inventory().availableQuantity(product))
                .isInstanceOfSatisfying(
                        ConnectionFailedException.class,
                        e -> assertThat(e).hasMessageContaining("No database connection free within the pool timeout"));

        release.countDown();
        for (CompletableFuture<Object> holder : holders) {
            holder.get(10, TimeUnit.SECONDS);
        }
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(10);
    }

    private CompletableFuture<Object> hold(CountDownLatch holding, CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> market.inTransaction(tx -> {
            tx.inventory().availableQuantity(product);
            holding.countDown();
            try {
                return release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
    }

    /**
     * Runs the write while another session holds the lot's row lock, terminates the write's backend once it waits for
     * that lock, and returns what the write threw.
     */
    private Throwable killedWhileWaitingForTheLot(Supplier<?> write) throws Exception {
        try (Connection blocker = db.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("SELECT 1 FROM inventory_items WHERE id = '" + lot + "' FOR UPDATE");
            }
            CompletableFuture<?> running = CompletableFuture.supplyAsync(write);
            terminate(waitingBackend(blocker));
            blocker.rollback();
            try {
                running.get(20, TimeUnit.SECONDS);
                throw new AssertionError("the write survived the termination of its backend");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

    /** The backend that waits for a lock the blocker holds. */
    private int waitingBackend(Connection blocker) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (PreparedStatement waiting = blocker.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = waiting.executeQuery()) {
                    if (rows.next()) {
                        return rows.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no backend started waiting for the lot lock");
    }

    private void terminate(int pid) throws SQLException {
        try (Connection admin = db.dataSource().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
            // One line per injected fault: the pool's own warning about it is a whole stack trace.
            System.out.println("BackendFailuresTest: fault: terminated backend " + pid);
        }
    }

    private void assertNothingWritten(IdempotencyKey key) {
        assertThat(db.dsl().fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customer))).isZero();
        assertThat(db.dsl().fetchCount(IDEMPOTENCY_KEYS, IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key.value())))
                .isZero();
        assertThat(db.dsl().fetchCount(INVENTORY_HISTORY, INVENTORY_HISTORY.INVENTORY_ITEM_ID.eq(lot)))
                .isOne();
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(10);
        assertThat(market.inventory().reconcile()).isEmpty();
    }
}
