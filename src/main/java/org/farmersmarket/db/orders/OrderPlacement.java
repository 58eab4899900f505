package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.ProductUnavailableException;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.UnitOfWork;
import org.farmersmarket.db.internal.Uuids;
import org.farmersmarket.db.internal.stock.StockLedger;
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

    /**
     * Places several orders in the caller's transaction, taking every lock they need up front in the global order
     * (all their products FOR SHARE in id order, then all those products' lots FOR UPDATE in id order), so the unit
     * of work never holds one order's locks while it waits for another's: no deadlock with any other placement,
     * cancellation, completion or stock change, which all lock in that order.
     */
    List<Order> placeAll(List<PlaceOrder> requests) {
        SortedSet<UUID> products = new TreeSet<>(Uuids.POSTGRES_ORDER);
        requests.forEach(
                request -> products.addAll(request.quantitiesByProduct().keySet()));
        PlacementStatements.LOCK_PRODUCTS.fetch(tx, products.toArray(UUID[]::new));
        new StockLedger(tx).lockLotsOfProducts(products);
        return requests.stream().map(this::place).toList();
    }

    Order place(PlaceOrder request) {
        requireCustomerExists(request.customerId());
        List<PricedLine> lines = priceLines(request.quantitiesByProduct());
        Totals totals = totalsOf(lines, request);
        ResultRow order = insertOrder(request, totals);
        UUID orderId = order.get(ORDERS.ID);
        reserveStock(orderId, lines, request.customerId());
        List<OrderItem> items = PlacementStatements.INSERT_ITEMS.fetch(
                tx, new PlacementStatements.NewLines(orderId, order.get(ORDERS.CURRENCY), lines));
        Payment payment = PlacementStatements.INSERT_PAYMENT.fetchSingle(
                tx, new PlacementStatements.NewPayment(orderId, totals.total()));
        // Everything the order consists of came back from the inserts: no need to read it again.
        return OrderQueries.order(order, items, List.of(payment));
    }

    private void requireCustomerExists(UUID customerId) {
        List<Long> transactionId = PlacementStatements.CUSTOMER.fetch(tx, customerId);
        if (transactionId.isEmpty()) {
            throw new NotFoundException(Entity.USER, customerId);
        }
        UnitOfWork.rememberTransactionId(tx.configuration(), transactionId.getFirst());
    }

    /**
     * Locks the products (FOR SHARE: their status and price cannot change until the order commits) in id order and
     * prices one line per product, in that same order.
     */
    private List<PricedLine> priceLines(Map<UUID, Integer> quantities) {
        List<OrderableProduct> products =
                PlacementStatements.LOCK_PRODUCTS.fetch(tx, quantities.keySet().toArray(UUID[]::new));
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
                    throw new NotFoundException(Entity.PRODUCT, missing);
                });
    }

    private static void requireActive(OrderableProduct product) {
        if (product.status() != ProductStatus.ACTIVE) {
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

    /** The inserted order's row, read by {@link OrderQueries#order} once its lines and payment are in. */
    private ResultRow insertOrder(PlaceOrder request, Totals totals) {
        return PlacementStatements.INSERT_ORDER.fetchSingle(tx, new PlacementStatements.NewOrder(request, totals));
    }

    /**
     * Reserves every line's stock with one call: the inventory locks all the lots involved in one statement, in lot
     * id order, as releases and sales do, so concurrent placements, cancellations and completions never deadlock.
     */
    private void reserveStock(UUID orderId, List<PricedLine> lines, UUID customerId) {
        SortedMap<UUID, Integer> quantities = new TreeMap<>(Uuids.POSTGRES_ORDER);
        lines.forEach(line -> quantities.put(line.product().id(), line.quantity()));
        new StockLedger(tx).reserve(quantities, orderId, customerId);
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
