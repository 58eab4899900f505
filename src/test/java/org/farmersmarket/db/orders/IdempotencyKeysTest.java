package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.IDEMPOTENCY_KEYS;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.inventory.Adjustment;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.inventory.StockChange;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The five exactly-once writes: a retry with the same key returns the first result and writes nothing; the same key
 * with another request, or for another operation, is a {@link DuplicateException} naming the key; concurrent calls
 * with one key write once.
 */
@MigratedDatabase
class IdempotencyKeysTest {

    private static final List<Table<?>> WRITTEN =
            List.of(ORDERS, ORDER_ITEMS, PAYMENTS, INVENTORY_HISTORY, IDEMPOTENCY_KEYS);

    private DSLContext dsl;
    private OrderFixtures fixtures;
    private OrderRepository orders;
    private InventoryRepository inventory;
    private UUID customer;
    private UUID carrots;
    private UUID lot;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        fixtures = new OrderFixtures(dsl);
        orders = new OrderRepository(dsl);
        inventory = new InventoryRepository(dsl);
        customer = fixtures.user();
        carrots = fixtures.product("2.00");
        lot = fixtures.stock(carrots, 10);
    }

    @Test
    void placeOrder_retriedWithItsKey_returnsTheFirstOrder_andWritesNothing() {
        IdempotencyKey key = newKey();
        PlaceOrder request = PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 3)));
        Order first = orders.placeOrder(request, key);

        Order again = replayed(() -> orders.placeOrder(
                PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 1), new OrderLine(carrots, 2))), key));

        assertThat(again).isEqualTo(first);
        assertThat(fixtures.available(carrots)).isEqualTo(7);
    }

    @Test
    void placeOrder_retriedAfterTheStockRanOut_stillReturnsTheFirstOrder() {
        IdempotencyKey key = newKey();
        PlaceOrder request = PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 10)));
        Order first = orders.placeOrder(request, key);

        assertThat(replayed(() -> orders.placeOrder(request, key)).id()).isEqualTo(first.id());
    }

    @Test
    void restock_adjust_restockAll_refundPayment_retriedWithTheirKeys_returnTheFirstResult() {
        IdempotencyKey restockKey = newKey();
        StockChange restocked = inventory.restock(new Restock(lot, 5, "delivery"), Actor.user(customer), restockKey);
        assertThat(replayed(() -> inventory.restock(new Restock(lot, 5, "delivery"), Actor.user(customer), restockKey)))
                .isEqualTo(restocked);

        IdempotencyKey adjustKey = newKey();
        StockChange adjusted = inventory.adjust(new Adjustment(lot, -2, "count"), Actor.user(customer), adjustKey);
        assertThat(replayed(() -> inventory.adjust(new Adjustment(lot, -2, "count"), Actor.user(customer), adjustKey)))
                .isEqualTo(adjusted);

        UUID secondLot = fixtures.stock(carrots, 1);
        IdempotencyKey bulkKey = newKey();
        List<Restock> restocks = List.of(new Restock(lot, 4), new Restock(secondLot, 6));
        assertThat(inventory.restockAll(restocks, Actor.SYSTEM, bulkKey)).isEqualTo(2);
        assertThat(replayed(() -> inventory.restockAll(restocks.reversed(), Actor.SYSTEM, bulkKey)))
                .isEqualTo(2);
        assertThat(fixtures.available(carrots)).isEqualTo(10 + 5 - 2 + 1 + 4 + 6);

        Order order = orders.placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 1))));
        orders.recordPaymentOutcome(
                PaymentOutcome.succeeded(order.id(), "stripe", "pi_" + UUID.randomUUID(), order.total()));
        IdempotencyKey refundKey = newKey();
        Payment refunded = orders.refundPayment(order.payments().getFirst().id(), Money.of("1.00", "USD"), refundKey);
        assertThat(replayed(() ->
                        orders.refundPayment(order.payments().getFirst().id(), Money.of("1.00", "USD"), refundKey)))
                .isEqualTo(refunded);
        assertThat(refunded.refundedAmount()).isEqualTo(Money.of("1.00", "USD"));
    }

    @Test
    void aKeyUsedForAnotherRequest_orAnotherOperation_isADuplicateNamingTheKey_andWritesNothing() {
        IdempotencyKey key = newKey();
        inventory.restock(new Restock(lot, 5, "delivery"), Actor.SYSTEM, key);
        Map<String, Long> before = rowCounts();

        List<Runnable> misuses = List.of(
                () -> inventory.restock(new Restock(lot, 6, "delivery"), Actor.SYSTEM, key),
                () -> inventory.restock(new Restock(lot, 5, "another note"), Actor.SYSTEM, key),
                () -> inventory.adjust(new Adjustment(lot, 5, "delivery"), Actor.SYSTEM, key),
                () -> inventory.restockAll(List.of(new Restock(lot, 5)), Actor.SYSTEM, key),
                () -> orders.placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 5))), key));
        for (Runnable misuse : misuses) {
            assertThatThrownBy(misuse::run)
                    .isInstanceOfSatisfying(
                            DuplicateException.class, e -> assertThat(e.rule()).isEqualTo(IdempotencyKey.RULE))
                    .hasMessageContaining("'" + key.value() + "'");
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void concurrentCallsWithOneKey_writeOnce_andAllReturnTheSameOrder() throws Exception {
        IdempotencyKey key = newKey();
        PlaceOrder request = PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 1)));
        List<Callable<Order>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> orders.placeOrder(request, key));
        }
        List<UUID> placed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Order> result : pool.invokeAll(calls)) {
                placed.add(result.get().id());
            }
        }
        assertThat(placed).hasSize(8).containsOnly(placed.getFirst());
        assertThat(dsl.fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customer))).isOne();
        assertThat(fixtures.available(carrots)).isEqualTo(9);
    }

    @Test
    void aKeyMustBeOneTo200CharactersOfPrintableText() {
        for (String bad : List.of("", "a".repeat(201), "tab\there", "nul\0", "\uD800")) {
            assertThatThrownBy(() -> IdempotencyKey.of(bad))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.rule()).isEqualTo("idempotencyKey"));
        }
        assertThatThrownBy(() -> IdempotencyKey.of(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inventory.restock(new Restock(lot, 1), Actor.SYSTEM, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("idempotencyKey");
        assertThat(IdempotencyKey.of("é".repeat(200)).value()).hasSize(200);
    }

    /** Runs a retry and checks it wrote nothing. */
    private <T> T replayed(Supplier<T> retry) {
        Map<String, Long> before = rowCounts();
        T result = retry.get();
        assertThat(rowCounts()).as("rows after the retry").isEqualTo(before);
        return result;
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        WRITTEN.forEach(table -> counts.put(table.getName(), (long) dsl.fetchCount(table)));
        dsl.select(org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS.QUANTITY_ON_HAND)
                .from(org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS)
                .where(org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS.ID.eq(lot))
                .fetchOptional(0, Long.class)
                .ifPresent(onHand -> counts.put("on hand of the lot", onHand));
        return counts;
    }

    private static IdempotencyKey newKey() {
        return IdempotencyKey.of("test-" + UUID.randomUUID());
    }
}
