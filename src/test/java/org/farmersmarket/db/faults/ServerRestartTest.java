package org.farmersmarket.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.jooq.Tables.ORDERS;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.CommitOutcomeUnknownException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.TransientDatabaseException;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.DomainRows;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Backends killed at random for two seconds, then the server restarted (fast shutdown: every session ended, a
 * second of downtime), while four clients place orders,
 * each retrying a failed order with its idempotency key: every attempt fails typed or succeeds, every order ends up
 * placed exactly once, and the stock ledger balances. On a {@link ThrowawayServer}, never the shared one.
 */
@Timeout(180)
// Alone: its faults and timeouts are timed, and classes running beside it on two cores would skew them.
@Isolated
class ServerRestartTest {

    private static final int CLIENTS = 4;

    @Test
    void aRestartUnderLoad_failsAttemptsTyped_andRetriesWithTheirKeysPlaceEveryOrderOnce() throws Exception {
        String unavailable = ThrowawayServer.unavailableReason();
        Assumptions.assumeTrue(unavailable == null, unavailable);
        try (ThrowawayServer server = ThrowawayServer.start()) {
            try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE market");
            }
            try (FarmersMarketDb market = FarmersMarketDb.connect(
                    server.jdbcUrl("market") + "?connection_limit=" + CLIENTS + "&pool_timeout=10", "postgres", null)) {
                market.migrate();
                runLoadThroughARestart(server, market);
            }
        }
    }

    private static void runLoadThroughARestart(ThrowawayServer server, FarmersMarketDb market) throws Exception {
        DomainRows rows = new DomainRows(market.dsl());
        UUID customer = rows.user();
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID product = rows.product(rows.vendor(), rows.category(), "Beets", "1.50", "USD", ProductStatus.ACTIVE);
            UUID lot = market.inventory()
                    .createItem(new NewInventoryItem(
                            product, DomainRows.unique("lot"), 0, Optional.empty(), Optional.empty()))
                    .id();
            market.inventory().restock(new Restock(lot, 100_000, "fixture"), Actor.SYSTEM);
            products.add(product);
        }
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Set<UUID> placed = ConcurrentHashMap.newKeySet();
        AtomicInteger units = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int killed;
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        PlaceOrder order = PlaceOrder.pickup(
                                customer,
                                List.of(new OrderLine(products.get(0), 1), new OrderLine(products.get(2), 2)));
                        placed.add(placeWithRetries(market, order, attempts));
                        units.addAndGet(3);
                    }
                    return null;
                }));
            }
            killed = killBackends(server, 2_000);
            server.restart(1_000);
            Thread.sleep(1_500);
            stop.set(true);
            for (Future<?> client : running) {
                client.get();
            }
        }
        System.out.println("ServerRestartTest: " + placed.size() + " orders, " + killed
                + " backends killed, then a restart; attempts by outcome " + new TreeMap<>(attempts));
        assertThat(killed).as("backends killed").isPositive();
        assertThat(attempts.keySet())
                .as("attempt outcomes")
                .isSubsetOf(
                        "ok",
                        "ConnectionFailedException",
                        "CommitOutcomeUnknownException",
                        "ConcurrencyConflictException");
        assertThat(attempts.get("ConnectionFailedException"))
                .as("attempts the restart failed")
                .isNotNull();
        assertThat(market.dsl().fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customer)))
                .isEqualTo(placed.size());
        int reserved = 0;
        for (UUID product : products) {
            reserved += 100_000 - market.inventory().availableQuantity(product);
        }
        assertThat(reserved).isEqualTo(units.get());
        assertThat(market.inventory().reconcile()).isEmpty();
    }

    /**
     * Terminates a random client backend of the market database every 40 ms for the given time, from an admin
     * session of its own; the number terminated.
     */
    private static int killBackends(ThrowawayServer server, long millis) throws Exception {
        int killed = 0;
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
                Statement statement = admin.createStatement()) {
            long end = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < end) {
                try (var rows = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                        + " FROM (SELECT pid FROM pg_stat_activity WHERE datname = 'market'"
                        + " AND backend_type = 'client backend' ORDER BY random() LIMIT 1) victim")) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        killed++;
                        // One line per injected fault: the pool's own warning about it is a whole stack trace.
                        System.out.println("ServerRestartTest: fault " + killed + ": terminated a client backend");
                    }
                }
                Thread.sleep(40);
            }
        }
        return killed;
    }

    /** Places the order, retrying transient failures with the same key until it is placed; the order's id. */
    private static UUID placeWithRetries(FarmersMarketDb market, PlaceOrder order, Map<String, AtomicInteger> attempts)
            throws InterruptedException {
        IdempotencyKey key = IdempotencyKey.of(UUID.randomUUID().toString());
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                UUID id = market.orders().placeOrder(order, key).id();
                attempts.computeIfAbsent("ok", k -> new AtomicInteger()).incrementAndGet();
                return id;
            } catch (TransientDatabaseException | CommitOutcomeUnknownException e) {
                attempts.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                        .incrementAndGet();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("order still not placed after 200 attempts");
    }
}
