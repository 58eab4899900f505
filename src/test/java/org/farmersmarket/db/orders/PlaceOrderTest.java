package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.ProductUnavailableException;
import org.farmersmarket.db.jooq.enums.FulfillmentMethod;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.jooq.enums.PaymentStatus;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@MigratedDatabase
class PlaceOrderTest {

    private static final PricingPolicy POLICY =
            new PricingPolicy(new BigDecimal("0.08"), new BigDecimal("0.05"), Money.of("4.00", "USD"));

    private DSLContext dsl;
    private OrderFixtures fixtures;
    private OrderRepository orders;
    private UUID customer;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        fixtures = new OrderFixtures(dsl);
        orders = new OrderRepository(dsl, POLICY);
        customer = fixtures.user();
    }

    @Test
    void placeOrder_returnsExactlyWhatFindByIdReadsBack_itemsInTheSameOrder() {
        UUID vendor = fixtures.vendor();
        List<UUID> products = List.of(
                fixtures.product(vendor, "1.00"), fixtures.product(vendor, "2.00"), fixtures.product(vendor, "3.00"));
        // Names whose order differs from the ids' order and, in mixed case, from plain code point order.
        List<String> names = List.of("zucchini", "apples", "Beans");
        for (int i = 0; i < products.size(); i++) {
            dsl.update(PRODUCTS)
                    .set(PRODUCTS.NAME, names.get(i))
                    .where(PRODUCTS.ID.eq(products.get(i)))
                    .execute();
            fixtures.stock(products.get(i), 5);
        }

        Order placed = orders.placeOrder(PlaceOrder.pickup(
                customer, products.stream().map(id -> new OrderLine(id, 1)).toList()));

        assertThat(placed).isEqualTo(orders.findById(placed.id()).orElseThrow());
        assertThat(placed.items()).hasSize(3);
    }

    @Test
    void placeOrder_pricesLinesFromTheDatabase_andComputesTotals() {
        UUID vendor = fixtures.vendor();
        UUID carrots = fixtures.product(vendor, "2.50");
        UUID honey = fixtures.product(vendor, "4.00");
        fixtures.stock(carrots, 10);
        fixtures.stock(honey, 10);

        Order order = orders.placeOrder(
                PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 3), new OrderLine(honey, 2))));

        assertThat(order.items())
                .extracting(OrderItem::productId, OrderItem::quantity, OrderItem::unitPrice, OrderItem::lineTotal)
                .containsExactlyInAnyOrder(
                        tuple(carrots, 3, Money.of("2.50", "USD"), Money.of("7.50", "USD")),
                        tuple(honey, 2, Money.of("4.00", "USD"), Money.of("8.00", "USD")));
        assertThat(order.items()).allSatisfy(item -> assertThat(item.vendorId()).isEqualTo(vendor));
        assertThat(order.subtotal()).isEqualTo(Money.of("15.50", "USD"));
        assertThat(order.tax()).isEqualTo(Money.of("1.24", "USD"));
        // 5 % of 15.50 is 0.775: rounded half-up to 0.78; pickup adds no delivery fee.
        assertThat(order.fees()).isEqualTo(Money.of("0.78", "USD"));
        assertThat(order.total()).isEqualTo(Money.of("17.52", "USD"));
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.customerId()).isEqualTo(customer);
        assertThat(order.orderNumber()).matches("FM-\\d{8}");
        assertThat(order.fulfillment()).isEqualTo(FulfillmentMethod.PICKUP);
        assertThat(order.deliveryAddress()).isEmpty();
        assertThat(order.payments()).singleElement().satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
            assertThat(payment.amount()).isEqualTo(Money.of("17.52", "USD"));
            assertThat(payment.refundedAmount()).isEqualTo(Money.zero("USD"));
            assertThat(payment.paidAt()).isEmpty();
            assertThat(payment.providerPaymentId()).isEmpty();
        });
        assertThat(orders.findById(order.id())).contains(order);
    }

    @Test
    void placeOrder_takesTheCurrentDatabasePrice_andKeepsItWhenThePriceChangesLater() {
        UUID carrots = fixtures.product("2.50");
        fixtures.stock(carrots, 10);
        setPrice(carrots, "3.10");

        Order order = orders.placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 2))));
        setPrice(carrots, "9.99");

        assertThat(order.subtotal()).isEqualTo(Money.of("6.20", "USD"));
        Order reloaded = orders.findById(order.id()).orElseThrow();
        assertThat(reloaded.items()).singleElement().satisfies(item -> {
            assertThat(item.unitPrice()).isEqualTo(Money.of("3.10", "USD"));
            assertThat(item.lineTotal()).isEqualTo(Money.of("6.20", "USD"));
        });
        assertThat(reloaded.subtotal()).isEqualTo(Money.of("6.20", "USD"));
    }

    @Test
    void placeOrder_forDelivery_addsTheDeliveryFee_andStoresAddressAndNotes() {
        UUID carrots = fixtures.product("10.00");
        fixtures.stock(carrots, 5);

        Order order =
                orders.placeOrder(PlaceOrder.delivery(customer, List.of(new OrderLine(carrots, 1)), "1 Market Street")
                        .withNotes("Leave at the door"));

        assertThat(order.fulfillment()).isEqualTo(FulfillmentMethod.DELIVERY);
        assertThat(order.deliveryAddress()).contains("1 Market Street");
        assertThat(order.notes()).contains("Leave at the door");
        assertThat(order.subtotal()).isEqualTo(Money.of("10.00", "USD"));
        assertThat(order.tax()).isEqualTo(Money.of("0.80", "USD"));
        assertThat(order.fees()).isEqualTo(Money.of("4.50", "USD"));
        assertThat(order.total()).isEqualTo(Money.of("15.30", "USD"));
    }

    @Test
    void placeOrder_withTheDefaultPolicy_charges8PercentTaxAndNoServiceFee(TestDatabase db) {
        UUID carrots = fixtures.product("12.50");
        fixtures.stock(carrots, 5);

        Order order = new OrderRepository(db.dsl())
                .placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 2))));

        assertThat(order.tax()).isEqualTo(Money.of("2.00", "USD"));
        assertThat(order.fees()).isEqualTo(Money.zero("USD"));
        assertThat(order.total()).isEqualTo(Money.of("27.00", "USD"));
    }

    @Test
    void placeOrder_withTheSameProductTwice_mergesTheLines() {
        UUID carrots = fixtures.product("1.00");
        fixtures.stock(carrots, 10);

        Order order = orders.placeOrder(
                PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 2), new OrderLine(carrots, 3))));

        assertThat(order.items()).singleElement().satisfies(item -> {
            assertThat(item.quantity()).isEqualTo(5);
            assertThat(item.lineTotal()).isEqualTo(Money.of("5.00", "USD"));
        });
        assertThat(fixtures.available(carrots)).isEqualTo(5);
    }

    @Test
    void placeOrder_reservesStock_withHistoryRowsCarryingTheOrderId() {
        UUID carrots = fixtures.product("1.00");
        UUID honey = fixtures.product("5.00");
        fixtures.stock(carrots, 2);
        fixtures.stock(carrots, 10);
        fixtures.stock(honey, 4);

        Order order = orders.placeOrder(
                PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 5), new OrderLine(honey, 4))));

        List<OrderFixtures.HistoryRow> history = fixtures.historyOf(order.id());
        assertThat(history).allSatisfy(row -> {
            assertThat(row.reason()).isEqualTo(InventoryChangeReason.RESERVATION);
            assertThat(row.quantityChange()).isZero();
        });
        assertThat(history.stream()
                        .filter(row -> row.productId().equals(carrots))
                        .mapToInt(OrderFixtures.HistoryRow::reservedChange)
                        .sum())
                .isEqualTo(5);
        assertThat(history.stream()
                        .filter(row -> row.productId().equals(honey))
                        .mapToInt(OrderFixtures.HistoryRow::reservedChange)
                        .sum())
                .isEqualTo(4);
        assertThat(fixtures.available(carrots)).isEqualTo(7);
        assertThat(fixtures.available(honey)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = ProductStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void placeOrder_withAProductThatIsNotActive_throwsProductUnavailable_andWritesNothing(ProductStatus status) {
        UUID vendor = fixtures.vendor();
        UUID carrots = fixtures.product(vendor, "1.00");
        UUID retired = fixtures.product(vendor, "1.00", "USD", status);
        fixtures.stock(carrots, 5);
        fixtures.stock(retired, 5);
        OrderFixtures.RowCounts before = fixtures.rowCounts();

        assertThatThrownBy(() -> orders.placeOrder(
                        PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 1), new OrderLine(retired, 1)))))
                .isInstanceOfSatisfying(ProductUnavailableException.class, e -> {
                    assertThat(e.productId()).isEqualTo(retired);
                    assertThat(e.status()).isEqualTo(status);
                });
        assertThat(fixtures.rowCounts()).isEqualTo(before);
    }

    @Test
    void placeOrder_withAnUnknownProduct_throwsNotFound_andWritesNothing() {
        UUID carrots = fixtures.product("1.00");
        fixtures.stock(carrots, 5);
        UUID unknown = UUID.randomUUID();
        OrderFixtures.RowCounts before = fixtures.rowCounts();

        assertThatThrownBy(() -> orders.placeOrder(
                        PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 1), new OrderLine(unknown, 1)))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo(Entity.PRODUCT);
                    assertThat(e.key()).isEqualTo(unknown.toString());
                });
        assertThat(fixtures.rowCounts()).isEqualTo(before);
    }

    @Test
    void placeOrder_forAnUnknownCustomer_throwsNotFound_andWritesNothing() {
        UUID carrots = fixtures.product("1.00");
        fixtures.stock(carrots, 5);
        UUID unknown = UUID.randomUUID();
        OrderFixtures.RowCounts before = fixtures.rowCounts();

        assertThatThrownBy(() -> orders.placeOrder(PlaceOrder.pickup(unknown, List.of(new OrderLine(carrots, 1)))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo(Entity.USER);
                    assertThat(e.key()).isEqualTo(unknown.toString());
                });
        assertThat(fixtures.rowCounts()).isEqualTo(before);
    }

    @Test
    void placeOrder_withMoreThanInStockOnTheSecondLine_throwsInsufficientStock_andWritesNothing() {
        UUID vendor = fixtures.vendor();
        // The second line is the product reserved second, so the first reservation really happens and must roll back.
        List<UUID> products =
                fixtures.inDatabaseOrder(List.of(fixtures.product(vendor, "1.00"), fixtures.product(vendor, "2.00")));
        UUID plentiful = products.get(0);
        UUID scarce = products.get(1);
        fixtures.stock(plentiful, 10);
        fixtures.stock(scarce, 2);
        fixtures.stock(scarce, 1);
        OrderFixtures.RowCounts before = fixtures.rowCounts();

        assertThatThrownBy(() -> orders.placeOrder(
                        PlaceOrder.pickup(customer, List.of(new OrderLine(plentiful, 4), new OrderLine(scarce, 4)))))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(scarce);
                    assertThat(e.requested()).isEqualTo(4);
                    assertThat(e.available()).isEqualTo(3);
                });

        OrderFixtures.RowCounts after = fixtures.rowCounts();
        assertThat(after.orders()).isEqualTo(before.orders());
        assertThat(after.orderItems()).isEqualTo(before.orderItems());
        assertThat(after.payments()).isEqualTo(before.payments());
        assertThat(after.historyRows()).isEqualTo(before.historyRows());
        assertThat(after.onHandUnits()).isEqualTo(before.onHandUnits());
        assertThat(after.reservedUnits()).isEqualTo(before.reservedUnits());
        assertThat(fixtures.available(plentiful)).isEqualTo(10);
        assertThat(fixtures.available(scarce)).isEqualTo(3);
    }

    @Test
    void placeOrder_withAProductWithoutStock_throwsInsufficientStockWithZeroAvailable() {
        UUID carrots = fixtures.product("1.00");

        assertThatThrownBy(() -> orders.placeOrder(PlaceOrder.pickup(customer, List.of(new OrderLine(carrots, 1)))))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(carrots);
                    assertThat(e.available()).isZero();
                });
    }

    @Test
    void placeOrder_withProductsInDifferentCurrencies_throwsInvalidInput_andWritesNothing() {
        UUID vendor = fixtures.vendor();
        UUID dollars = fixtures.product(vendor, "1.00", "USD", ProductStatus.ACTIVE);
        UUID euros = fixtures.product(vendor, "1.00", "EUR", ProductStatus.ACTIVE);
        fixtures.stock(dollars, 5);
        fixtures.stock(euros, 5);
        OrderFixtures.RowCounts before = fixtures.rowCounts();

        assertThatThrownBy(() -> orders.placeOrder(
                        PlaceOrder.pickup(customer, List.of(new OrderLine(dollars, 1), new OrderLine(euros, 1)))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("currency"))
                .hasMessageContaining("USD")
                .hasMessageContaining("EUR");
        assertThat(fixtures.rowCounts()).isEqualTo(before);
    }

    @Test
    void placeOrder_forDeliveryInAnotherCurrencyThanTheDeliveryFee_throwsInvalidInput() {
        UUID euros = fixtures.product(fixtures.vendor(), "1.00", "EUR", ProductStatus.ACTIVE);
        fixtures.stock(euros, 5);
        OrderFixtures.RowCounts before = fixtures.rowCounts();

        assertThatThrownBy(() -> orders.placeOrder(
                        PlaceOrder.delivery(customer, List.of(new OrderLine(euros, 1)), "1 Rue du Marché")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("currency"));
        assertThat(fixtures.rowCounts()).isEqualTo(before);
    }

    @Test
    void findById_ofAnUnknownOrder_isEmpty() {
        assertThat(orders.findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void placeOrderRequest_withInvalidParts_throwsInvalidInputNamingTheField() {
        UUID product = UUID.randomUUID();
        List<OrderLine> oneLine = List.of(new OrderLine(product, 1));

        assertRule(() -> new OrderLine(product, 0), "quantity");
        assertRule(() -> new OrderLine(null, 1), "productId");
        assertRule(() -> PlaceOrder.pickup(null, oneLine), "customerId");
        assertRule(() -> PlaceOrder.pickup(customer, List.of()), "lines");
        assertRule(
                () -> PlaceOrder.pickup(
                        customer, Collections.nCopies(PlaceOrder.MAX_LINES + 1, new OrderLine(product, 1))),
                "lines");
        assertRule(() -> PlaceOrder.delivery(customer, oneLine, " "), "deliveryAddress");
        assertRule(() -> PlaceOrder.delivery(customer, oneLine, null), "deliveryAddress");
        assertRule(
                () -> new PlaceOrder(
                        customer, oneLine, FulfillmentMethod.PICKUP, Optional.of("1 Main St"), Optional.empty()),
                "deliveryAddress");
        assertRule(
                () -> PlaceOrder.pickup(
                                customer, List.of(new OrderLine(product, Integer.MAX_VALUE), new OrderLine(product, 1)))
                        .quantitiesByProduct(),
                "quantity");
        assertRule(() -> orders.placeOrder(null), "request");
    }

    @Test
    void pricingPolicy_withInvalidParts_throwsInvalidInputNamingTheField() {
        Money fee = Money.of("1.00", "USD");

        assertRule(() -> new PricingPolicy(new BigDecimal("-0.01"), BigDecimal.ZERO, fee), "taxRate");
        assertRule(() -> new PricingPolicy(BigDecimal.ZERO, new BigDecimal("1.5"), fee), "serviceFeeRate");
        assertRule(() -> new PricingPolicy(null, BigDecimal.ZERO, fee), "taxRate");
        assertRule(() -> new PricingPolicy(BigDecimal.ZERO, BigDecimal.ZERO, Money.of("-1.00", "USD")), "deliveryFee");
        assertRule(() -> new OrderRepository(dsl, null), "pricing");
    }

    private void setPrice(UUID productId, String price) {
        dsl.update(PRODUCTS)
                .set(PRODUCTS.PRICE, new BigDecimal(price))
                .where(PRODUCTS.ID.eq(productId))
                .execute();
    }

    private static void assertRule(ThrowingCallable call, String rule) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
