package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.ProductUnavailableException;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.jooq.DSLContext;

/**
 * Places one order inside the caller's transaction: checks the customer and products, prices the lines from the
 * database, writes the order, reserves the stock, writes the lines and the pending payment. Any failure leaves the
 * transaction to roll all of it back.
 */
final class OrderPlacement {

    private final DSLContext tx;
    private final PricingPolicy pricing;

    OrderPlacement(DSLContext tx, PricingPolicy pricing) {
        this.tx = tx;
        this.pricing = pricing;
    }

    Order place(PlaceOrder request) {
        requireCustomerExists(request.customerId());
        List<PricedLine> lines = priceLines(request.quantitiesByProduct());
        Totals totals = totalsOf(lines, request);
        ResultRow order = insertOrder(request, totals);
        UUID orderId = order.get(ORDERS.ID);
        reserveStock(orderId, lines, request.customerId());
        List<OrderItem> items = insertItems(orderId, lines, order.get(ORDERS.CURRENCY));
        Payment payment = insertPendingPayment(orderId, totals.total());
        // Everything the order consists of came back from the inserts: no need to read it again.
        return OrderQueries.toOrder(order, items, List.of(payment));
    }

    private void requireCustomerExists(UUID customerId) {
        if (PlacementStatements.CUSTOMER.fetch(tx, row -> true, customerId).isEmpty()) {
            throw new NotFoundException("customer", customerId);
        }
    }

    /**
     * Locks the products (FOR SHARE: their status and price cannot change until the order commits) in id order and
     * prices one line per product, in that same order.
     */
    private List<PricedLine> priceLines(Map<UUID, Integer> quantities) {
        List<OrderableProduct> products = PlacementStatements.LOCK_PRODUCTS.fetch(
                tx,
                row -> new OrderableProduct(
                        row.get(PRODUCTS.ID),
                        row.get(PRODUCTS.VENDOR_ID),
                        row.get(PRODUCTS.NAME),
                        new Money(row.get(PRODUCTS.PRICE), row.get(PRODUCTS.CURRENCY)),
                        row.get(PRODUCTS.STATUS)),
                (Object) quantities.keySet().toArray(UUID[]::new));
        requireAllFound(quantities, products);
        products.forEach(OrderPlacement::requireActive);
        requireOneCurrency(products);
        return products.stream()
                .map(product -> new PricedLine(product, quantities.get(product.id())))
                .toList();
    }

    private static void requireAllFound(Map<UUID, Integer> quantities, List<OrderableProduct> products) {
        if (products.size() == quantities.size()) {
            return;
        }
        Set<UUID> found = products.stream().map(OrderableProduct::id).collect(Collectors.toSet());
        quantities.keySet().stream()
                .filter(id -> !found.contains(id))
                .findFirst()
                .ifPresent(missing -> {
                    throw new NotFoundException("product", missing);
                });
    }

    private static void requireActive(OrderableProduct product) {
        if (product.status() != ProductStatus.active) {
            throw new ProductUnavailableException(product.id(), product.status());
        }
    }

    private static void requireOneCurrency(List<OrderableProduct> products) {
        OrderableProduct first = products.getFirst();
        for (OrderableProduct product : products) {
            if (!product.price().currency().equals(first.price().currency())) {
                throw new InvalidInputException(
                        "currency",
                        "All products of an order must share one currency: product " + first.id() + " is priced in "
                                + first.price().currency() + ", product " + product.id() + " in "
                                + product.price().currency());
            }
        }
    }

    private Totals totalsOf(List<PricedLine> lines, PlaceOrder request) {
        Money subtotal = lines.stream()
                .map(PricedLine::lineTotal)
                .reduce(Money.zero(lines.getFirst().product().price().currency()), Money::plus);
        Money tax = pricing.taxOn(subtotal);
        Money fees = pricing.feesOn(subtotal, request.fulfillment());
        return new Totals(subtotal, tax, fees, subtotal.plus(tax).plus(fees));
    }

    private ResultRow insertOrder(PlaceOrder request, Totals totals) {
        return PlacementStatements.INSERT_ORDER
                .fetchOptional(
                        tx,
                        row -> row,
                        request.customerId(),
                        request.fulfillment(),
                        request.deliveryAddress().orElse(null),
                        totals.subtotal().amount(),
                        totals.tax().amount(),
                        totals.fees().amount(),
                        totals.total().amount(),
                        totals.total().currency(),
                        request.notes().orElse(null))
                .orElseThrow();
    }

    /**
     * Reserves every line's stock with one call: the inventory locks all the lots involved in one statement, in lot
     * id order, as releases and sales do, so concurrent placements, cancellations and completions never deadlock.
     */
    private void reserveStock(UUID orderId, List<PricedLine> lines, UUID customerId) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        lines.forEach(line -> quantities.put(line.product().id(), line.quantity()));
        new InventoryRepository(tx).reserveAll(quantities, orderId, customerId);
    }

    /** Inserts the lines; returns them in the order {@link OrderRepository#findById} lists them. */
    private List<OrderItem> insertItems(UUID orderId, List<PricedLine> lines, String currency) {
        return PlacementStatements.INSERT_ITEMS.fetch(
                tx,
                row -> new OrderItem(
                        row.get(ORDER_ITEMS.ID),
                        row.get(ORDER_ITEMS.PRODUCT_ID),
                        row.get(ORDER_ITEMS.VENDOR_ID),
                        row.get(ORDER_ITEMS.PRODUCT_NAME),
                        row.get(ORDER_ITEMS.QUANTITY),
                        new Money(row.get(ORDER_ITEMS.UNIT_PRICE), currency),
                        new Money(row.get(ORDER_ITEMS.LINE_TOTAL), currency)),
                orderId,
                column(lines, UUID[]::new, line -> line.product().id()),
                column(lines, UUID[]::new, line -> line.product().vendorId()),
                column(lines, String[]::new, line -> line.product().name()),
                column(lines, Integer[]::new, PricedLine::quantity),
                column(lines, BigDecimal[]::new, line -> line.product().price().amount()),
                column(lines, BigDecimal[]::new, line -> line.lineTotal().amount()));
    }

    /** One value of every line, as an array argument. */
    private static <T> T[] column(List<PricedLine> lines, IntFunction<T[]> array, Function<PricedLine, T> value) {
        return lines.stream().map(value).toArray(array);
    }

    private Payment insertPendingPayment(UUID orderId, Money total) {
        return PlacementStatements.INSERT_PAYMENT
                .fetchOptional(tx, OrderQueries::toPayment, orderId, total.amount(), total.currency())
                .orElseThrow();
    }

    /** A product as the order sees it: who sells it, its name, current price and status. */
    record OrderableProduct(UUID id, UUID vendorId, String name, Money price, ProductStatus status) {}

    record PricedLine(OrderableProduct product, int quantity) {
        Money lineTotal() {
            return product.price().times(quantity);
        }
    }

    record Totals(Money subtotal, Money tax, Money fees, Money total) {}
}
