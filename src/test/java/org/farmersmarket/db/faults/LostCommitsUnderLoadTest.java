package org.farmersmarket.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.jooq.Tables.ORDERS;

import java.net.URI;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.CommitOutcomeUnknownException;
import org.farmersmarket.db.ConnectionFailedException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Four clients place 600 orders through a {@link CuttingProxy} that cuts 5 % of COMMITs before they reach the
 * server and 5 % of the server's answers to them, each client retrying a failed order with its idempotency key.
 * Every cut answer must be resolved as committed (the call returns its order), every cut COMMIT as rolled back (a
 * {@link ConnectionFailedException}), none as unknown, and each order must exist exactly once.
 */
@MigratedDatabase
@Timeout(120)
// Alone: its faults and timeouts are timed, and classes running beside it on two cores would skew them.
@Isolated
class LostCommitsUnderLoadTest {

    private static final int CLIENTS = 4;
    private static final int ORDERS_PER_CLIENT = 150;

    @Test
    void lostCommitsUnderLoad_areAllResolved_andKeyedRetriesPlaceEveryOrderOnce(TestDatabase db) throws Exception {
        URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        DomainRows rows = new DomainRows(db.dsl());
        UUID customer = rows.user();
        UUID product = rows.product(rows.vendor(), rows.category(), "Chard", "1.00", "USD", ProductStatus.ACTIVE);
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Set<UUID> placed = ConcurrentHashMap.newKeySet();
        try (CuttingProxy proxy = new CuttingProxy(server.getHost(), server.getPort());
                FarmersMarketDb market = FarmersMarketDb.connect(
                        db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/")
                                + (db.jdbcUrl().contains("?") ? "&" : "?")
                                + "pool_timeout=5&prepareThreshold=0&connection_limit=" + CLIENTS,
                        db.user(),
                        db.password());
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            UUID lot = market.inventory()
                    .createItem(new NewInventoryItem(
                            product, DomainRows.unique("lot"), 0, Optional.empty(), Optional.empty()))
                    .id();
            market.inventory().restock(new Restock(lot, 100_000, "fixture"), Actor.SYSTEM);
            proxy.cutRandomly(0.05, 20261202L);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = 0; i < ORDERS_PER_CLIENT; i++) {
                        placed.add(placeWithRetries(market, customer, product, attempts));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            proxy.cutRandomly(0, 0);
            System.out.println("LostCommitsUnderLoadTest: " + placed.size() + " orders; COMMITs cut before the server "
                    + proxy.randomCutsBefore() + ", answers to COMMIT cut " + proxy.randomCutsAfter()
                    + "; attempts by outcome " + new TreeMap<>(attempts));

            assertThat(placed).hasSize(CLIENTS * ORDERS_PER_CLIENT);
            assertThat(db.dsl().fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customer)))
                    .isEqualTo(placed.size());
            assertThat(proxy.randomCutsBefore())
                    .as("COMMITs cut before the server")
                    .isPositive();
            assertThat(proxy.randomCutsAfter()).as("answers to COMMIT cut").isPositive();
            // Each cut COMMIT is one rolled-back attempt; each cut answer was resolved as committed: it returned.
            assertThat(attempts.get("rolled back")).as("rolled-back attempts").hasValue(proxy.randomCutsBefore());
            assertThat(attempts.get("ok")).hasValue(placed.size());
            assertThat(attempts.keySet()).containsOnly("ok", "rolled back");
            assertThat(market.inventory().availableQuantity(product)).isEqualTo(100_000 - placed.size());
            assertThat(market.inventory().reconcile()).isEmpty();
        }
    }

    private static UUID placeWithRetries(
            FarmersMarketDb market, UUID customer, UUID product, Map<String, AtomicInteger> attempts) {
        IdempotencyKey key = IdempotencyKey.of(UUID.randomUUID().toString());
        PlaceOrder order = PlaceOrder.pickup(customer, List.of(new OrderLine(product, 1)));
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                UUID id = market.orders().placeOrder(order, key).id();
                attempts.computeIfAbsent("ok", k -> new AtomicInteger()).incrementAndGet();
                return id;
            } catch (ConnectionFailedException e) {
                String kind = e.getMessage().contains("was rolled back") ? "rolled back" : "connection failed";
                attempts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            } catch (CommitOutcomeUnknownException e) {
                attempts.computeIfAbsent("unknown", k -> new AtomicInteger()).incrementAndGet();
            }
        }
        throw new AssertionError("order not placed after 50 attempts");
    }
}
