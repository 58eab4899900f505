package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class OrderListingTest {

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    /** Newest first, ties by id descending as PostgreSQL compares uuids (unsigned bytes, like their hex text). */
    private static final Comparator<OrderSummary> NEWEST_FIRST = Comparator.comparing(OrderSummary::createdAt)
            .thenComparing(summary -> summary.id().toString())
            .reversed();

    private OrderFixtures fixtures;
    private OrderRepository orders;

    @BeforeEach
    void setUp(TestDatabase db) {
        fixtures = new OrderFixtures(db.dsl());
        orders = new OrderRepository(db.dsl());
    }

    @Test
    void listForCustomer_walksEveryOrderOnceNewestFirst_acrossPages() {
        UUID customer = fixtures.user();
        UUID carrots = stockedProduct(fixtures.vendor());
        List<OrderSummary> expected = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            // Two orders share each instant, so the id tie-breaker decides their order.
            expected.add(orderPlacedAt(customer, carrots, START.plus(day / 2, ChronoUnit.DAYS)));
        }
        orderPlacedAt(fixtures.user(), carrots, START);
        expected.sort(NEWEST_FIRST);

        List<Page<OrderSummary>> pages = walk(request -> orders.listForCustomer(customer, OrderFilter.all(), request));

        assertThat(pages).hasSize(3);
        assertThat(pages.getLast().hasNext()).isFalse();
        assertThat(pages.stream().flatMap(page -> page.items().stream()).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void listForCustomer_withStatusesAndDateRange_walksOnlyMatchingOrders() {
        UUID customer = fixtures.user();
        UUID carrots = stockedProduct(fixtures.vendor());
        List<OrderSummary> all = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            OrderSummary order = orderPlacedAt(customer, carrots, START.plus(day, ChronoUnit.DAYS));
            OrderStatus status = day % 3 == 0 ? OrderStatus.CANCELLED : OrderStatus.CONFIRMED;
            if (day % 3 != 2) {
                order = withStatus(
                        order,
                        orders.changeStatus(order.id(), status, Actor.SYSTEM).status());
            }
            all.add(order);
        }
        Instant from = START.plus(2, ChronoUnit.DAYS);
        Instant to = START.plus(8, ChronoUnit.DAYS);
        OrderFilter filter = OrderFilter.all()
                .withStatuses(OrderStatus.PENDING, OrderStatus.CANCELLED)
                .createdBetween(from, to);

        List<OrderSummary> listed = walk(request -> orders.listForCustomer(customer, filter, request)).stream()
                .flatMap(page -> page.items().stream())
                .toList();

        Predicate<OrderSummary> matches = order -> order.status() != OrderStatus.CONFIRMED
                && !order.createdAt().isBefore(from)
                && order.createdAt().isBefore(to);
        // Days 2..7: days 2 and 5 pending, 3 and 6 cancelled, 4 and 7 confirmed.
        assertThat(listed)
                .containsExactlyElementsOf(
                        all.stream().filter(matches).sorted(NEWEST_FIRST).toList())
                .hasSize(4);
    }

    @Test
    void listForCustomer_withAMalformedCursor_throwsInvalidInput() {
        UUID customer = fixtures.user();

        assertThatThrownBy(
                        () -> orders.listForCustomer(customer, OrderFilter.all(), PageRequest.after("not-a-cursor", 5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("cursor"));
    }

    @Test
    void orderFilter_withAnEmptyRange_throwsInvalidInput() {
        assertThatThrownBy(() -> OrderFilter.all().createdBetween(START, START))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("to"));
    }

    @Test
    void listForVendor_walksEveryOrderWithTheVendorsProductsOnce_newestFirst() {
        UUID vendor = fixtures.vendor();
        UUID carrots = stockedProduct(vendor);
        UUID onions = stockedProduct(vendor);
        UUID otherVendorsHoney = stockedProduct(fixtures.vendor());
        UUID customer = fixtures.user();
        List<OrderSummary> expected = new ArrayList<>();
        expected.add(orderPlacedAt(customer, List.of(carrots, onions), START));
        expected.add(orderPlacedAt(customer, List.of(carrots, otherVendorsHoney), START.plusSeconds(60)));
        expected.add(orderPlacedAt(fixtures.user(), List.of(onions), START.plusSeconds(120)));
        expected.add(orderPlacedAt(fixtures.user(), List.of(onions), START.plusSeconds(120)));
        orderPlacedAt(customer, List.of(otherVendorsHoney), START.plusSeconds(180));
        expected.sort(NEWEST_FIRST);

        List<Page<OrderSummary>> pages = walk(request -> orders.listForVendor(vendor, request), 2);

        assertThat(pages).hasSize(2);
        assertThat(pages.stream().flatMap(page -> page.items().stream()).toList())
                .containsExactlyElementsOf(expected);
        assertThat(orders.listForVendor(UUID.randomUUID(), PageRequest.first(10))
                        .items())
                .isEmpty();
    }

    private UUID stockedProduct(UUID vendor) {
        UUID product = fixtures.product(vendor, "1.00");
        fixtures.stock(product, 100);
        return product;
    }

    private OrderSummary orderPlacedAt(UUID customer, UUID product, Instant placedAt) {
        return orderPlacedAt(customer, List.of(product), placedAt);
    }

    private OrderSummary orderPlacedAt(UUID customer, List<UUID> products, Instant placedAt) {
        Order order = orders.placeOrder(PlaceOrder.pickup(
                customer,
                products.stream().map(product -> new OrderLine(product, 1)).toList()));
        fixtures.backdate(order.id(), placedAt);
        return new OrderSummary(
                order.id(),
                order.orderNumber(),
                customer,
                order.status(),
                order.fulfillment(),
                order.total(),
                placedAt);
    }

    private static OrderSummary withStatus(OrderSummary order, OrderStatus status) {
        return new OrderSummary(
                order.id(),
                order.orderNumber(),
                order.customerId(),
                status,
                order.fulfillment(),
                order.total(),
                order.createdAt());
    }

    private static List<Page<OrderSummary>> walk(Function<PageRequest, Page<OrderSummary>> list) {
        return walk(list, 3);
    }

    private static List<Page<OrderSummary>> walk(Function<PageRequest, Page<OrderSummary>> list, int limit) {
        List<Page<OrderSummary>> pages = new ArrayList<>();
        Page<OrderSummary> page = list.apply(PageRequest.first(limit));
        pages.add(page);
        while (page.nextCursor().isPresent()) {
            page = list.apply(PageRequest.after(page.nextCursor().get(), limit));
            pages.add(page);
        }
        return pages;
    }
}
