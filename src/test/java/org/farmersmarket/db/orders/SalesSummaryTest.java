package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class SalesSummaryTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate JULY_1 = LocalDate.of(2024, 7, 1);
    private static final LocalDate JULY_2 = LocalDate.of(2024, 7, 2);
    private static final LocalDate JULY_3 = LocalDate.of(2024, 7, 3);

    private OrderFixtures fixtures;
    private OrderRepository orders;
    private UUID vendor;
    private UUID carrots;
    private UUID onions;
    private UUID otherVendorsHoney;

    @BeforeEach
    void setUp(TestDatabase db) {
        fixtures = new OrderFixtures(db.dsl());
        orders = new OrderRepository(db.dsl());
        vendor = fixtures.vendor();
        carrots = stocked(fixtures.product(vendor, "2.00"));
        onions = stocked(fixtures.product(vendor, "3.00"));
        otherVendorsHoney = stocked(fixtures.product("5.00"));
    }

    @Test
    void salesSummary_countsOrdersUnitsAndRevenuePerDayInTheZone_withoutCancelledOrRefundedOrders() {
        // 08:00 in New York on July 1; the other vendor's line does not count.
        place("2024-07-01T12:00:00Z", Map.of(carrots, 2, otherVendorsHoney, 1));
        // July 2 in UTC but 22:00 on July 1 in New York.
        place("2024-07-02T02:00:00Z", Map.of(onions, 1));
        Order completed = place("2024-07-02T15:00:00Z", Map.of(carrots, 1, onions, 2));
        walkTo(completed, OrderStatus.COMPLETED);
        Order cancelled = place("2024-07-02T16:00:00Z", Map.of(carrots, 5));
        orders.changeStatus(cancelled.id(), OrderStatus.CANCELLED, Actor.SYSTEM);
        Order refunded = place("2024-07-02T17:00:00Z", Map.of(onions, 4));
        walkTo(refunded, OrderStatus.REFUNDED);
        place("2024-07-02T18:00:00Z", Map.of(otherVendorsHoney, 3));
        // Outside [July 1, July 3) in New York.
        place("2024-06-30T23:00:00Z", Map.of(carrots, 7));
        place("2024-07-03T04:30:00Z", Map.of(carrots, 9));

        assertThat(orders.salesSummary(new SalesQuery(vendor, JULY_1, JULY_3, NEW_YORK)))
                .containsExactly(
                        new DailySales(JULY_1, 2, 3, Money.of("7.00", "USD")),
                        new DailySales(JULY_2, 1, 3, Money.of("8.00", "USD")));
        assertThat(orders.salesSummary(new SalesQuery(vendor, JULY_1, JULY_3, ZoneOffset.UTC)))
                .containsExactly(
                        new DailySales(JULY_1, 1, 2, Money.of("4.00", "USD")),
                        new DailySales(JULY_2, 2, 4, Money.of("11.00", "USD")));
        assertThat(orders.salesSummary(new SalesQuery(vendor, JULY_2, JULY_3, NEW_YORK)))
                .containsExactly(new DailySales(JULY_2, 1, 3, Money.of("8.00", "USD")));
    }

    @Test
    void salesSummary_followsDaylightSavingTime() {
        // 00:30 on March 11 in New York (EDT, UTC-4); a fixed UTC-5 offset would put it on March 10.
        place("2024-03-11T04:30:00Z", Map.of(carrots, 1));
        // 23:30 on March 10 (the 23-hour day the clocks sprang forward).
        place("2024-03-11T03:30:00Z", Map.of(carrots, 2));

        assertThat(orders.salesSummary(
                        new SalesQuery(vendor, LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 12), NEW_YORK)))
                .containsExactly(
                        new DailySales(LocalDate.of(2024, 3, 10), 1, 2, Money.of("4.00", "USD")),
                        new DailySales(LocalDate.of(2024, 3, 11), 1, 1, Money.of("2.00", "USD")));
    }

    @Test
    void salesSummary_keepsCurrenciesApart() {
        UUID euroCheese = stocked(fixtures.product(vendor, "6.00", "EUR", ProductStatus.ACTIVE));
        place("2024-07-01T12:00:00Z", Map.of(euroCheese, 1));
        place("2024-07-01T13:00:00Z", Map.of(carrots, 1));

        assertThat(orders.salesSummary(new SalesQuery(vendor, JULY_1, JULY_2, ZoneOffset.UTC)))
                .containsExactly(
                        new DailySales(JULY_1, 1, 1, Money.of("6.00", "EUR")),
                        new DailySales(JULY_1, 1, 1, Money.of("2.00", "USD")));
    }

    @Test
    void salesSummary_ofAVendorWithoutSales_isEmpty() {
        assertThat(orders.salesSummary(new SalesQuery(UUID.randomUUID(), JULY_1, JULY_3, NEW_YORK)))
                .isEmpty();
    }

    @Test
    void salesSummary_withAnInvalidRange_throwsInvalidInput() {
        assertRule(() -> orders.salesSummary(new SalesQuery(vendor, JULY_2, JULY_2, NEW_YORK)), "to");
        assertRule(() -> orders.salesSummary(new SalesQuery(vendor, JULY_3, JULY_1, NEW_YORK)), "to");
        assertRule(() -> orders.salesSummary(new SalesQuery(vendor, JULY_1, JULY_1.plusDays(367), NEW_YORK)), "to");
        assertRule(() -> orders.salesSummary(new SalesQuery(vendor, JULY_1, JULY_3, null)), "zone");
        assertRule(() -> orders.salesSummary(new SalesQuery(null, JULY_1, JULY_3, NEW_YORK)), "vendorId");
        assertThat(orders.salesSummary(new SalesQuery(vendor, JULY_1, JULY_1.plusDays(366), NEW_YORK)))
                .isEmpty();
    }

    private UUID stocked(UUID product) {
        fixtures.stock(product, 100);
        return product;
    }

    private Order place(String placedAt, Map<UUID, Integer> quantities) {
        List<OrderLine> lines = quantities.entrySet().stream()
                .map(entry -> new OrderLine(entry.getKey(), entry.getValue()))
                .toList();
        Order order = orders.placeOrder(PlaceOrder.pickup(fixtures.user(), lines));
        fixtures.backdate(order.id(), Instant.parse(placedAt));
        return order;
    }

    private void walkTo(Order order, OrderStatus target) {
        for (OrderStatus step : List.of(
                OrderStatus.CONFIRMED,
                OrderStatus.PREPARING,
                OrderStatus.READY,
                OrderStatus.COMPLETED,
                OrderStatus.REFUNDED)) {
            orders.changeStatus(order.id(), step, Actor.SYSTEM);
            if (step == target) {
                return;
            }
        }
    }

    private static void assertRule(ThrowingCallable call, String rule) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
