package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.ProductUnavailableException;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.tables.records.OrderItemsRecord;
import org.farmersmarket.db.jooq.tables.records.OrdersRecord;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Records;

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
        OrdersRecord order = insertOrder(request, totals);
        reserveStock(order.getId(), lines, request.customerId());
        List<OrderItem> items = insertItems(order.getId(), lines, order.getCurrency());
        Payment payment = insertPendingPayment(order.getId(), totals.total());
        // Everything the order consists of came back from the inserts: no need to read it again.
        return OrderQueries.toOrder(ResultRow.of(order), items, List.of(payment));
    }

    private void requireCustomerExists(UUID customerId) {
        if (!tx.fetchExists(USERS, USERS.ID.eq(customerId))) {
            throw new NotFoundException("customer", customerId);
        }
    }

    /**
     * Locks the products (FOR SHARE: their status and price cannot change until the order commits) in id order and
     * prices one line per product, in that same order.
     */
    private List<PricedLine> priceLines(Map<UUID, Integer> quantities) {
        List<OrderableProduct> products = tx.select(
                        PRODUCTS.ID,
                        PRODUCTS.VENDOR_ID,
                        PRODUCTS.NAME,
                        row(PRODUCTS.PRICE, PRODUCTS.CURRENCY).mapping(Money::new),
                        PRODUCTS.STATUS)
                .from(PRODUCTS)
                .where(PRODUCTS.ID.in(quantities.keySet()))
                .orderBy(PRODUCTS.ID)
                .forShare()
                .fetch(Records.mapping(OrderableProduct::new));
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

    private OrdersRecord insertOrder(PlaceOrder request, Totals totals) {
        return tx.insertInto(ORDERS)
                .set(ORDERS.CUSTOMER_ID, request.customerId())
                .set(ORDERS.FULFILLMENT, request.fulfillment())
                .set(ORDERS.DELIVERY_ADDRESS, request.deliveryAddress().orElse(null))
                .set(ORDERS.SUBTOTAL, totals.subtotal().amount())
                .set(ORDERS.TAX, totals.tax().amount())
                .set(ORDERS.FEES, totals.fees().amount())
                .set(ORDERS.TOTAL, totals.total().amount())
                .set(ORDERS.CURRENCY, totals.total().currency())
                .set(ORDERS.NOTES, request.notes().orElse(null))
                .returning()
                .fetchSingle();
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

    /**
     * Inserts the lines and returns them in the order {@link OrderRepository#findById} lists them, sorted by the
     * database (its collation orders the names) in the same statement.
     */
    private List<OrderItem> insertItems(UUID orderId, List<PricedLine> lines, String currency) {
        CommonTableExpression<OrderItemsRecord> inserted = name("inserted_items")
                .as(tx.insertInto(
                                ORDER_ITEMS,
                                ORDER_ITEMS.ORDER_ID,
                                ORDER_ITEMS.PRODUCT_ID,
                                ORDER_ITEMS.VENDOR_ID,
                                ORDER_ITEMS.PRODUCT_NAME,
                                ORDER_ITEMS.QUANTITY,
                                ORDER_ITEMS.UNIT_PRICE,
                                ORDER_ITEMS.LINE_TOTAL)
                        .valuesOfRows(lines.stream()
                                .map(line -> row(
                                        orderId,
                                        line.product().id(),
                                        line.product().vendorId(),
                                        line.product().name(),
                                        line.quantity(),
                                        line.product().price().amount(),
                                        line.lineTotal().amount()))
                                .toList())
                        .returning());
        return tx.with(inserted)
                .selectFrom(inserted)
                .orderBy(inserted.field(ORDER_ITEMS.PRODUCT_NAME), inserted.field(ORDER_ITEMS.ID))
                .fetchInto(ORDER_ITEMS)
                .map(item -> new OrderItem(
                        item.getId(),
                        item.getProductId(),
                        item.getVendorId(),
                        item.getProductName(),
                        item.getQuantity(),
                        new Money(item.getUnitPrice(), currency),
                        new Money(item.getLineTotal(), currency)));
    }

    private Payment insertPendingPayment(UUID orderId, Money total) {
        return OrderQueries.toPayment(tx.insertInto(PAYMENTS)
                .set(PAYMENTS.ORDER_ID, orderId)
                .set(PAYMENTS.AMOUNT, total.amount())
                .set(PAYMENTS.CURRENCY, total.currency())
                .returning()
                .fetchSingle());
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
