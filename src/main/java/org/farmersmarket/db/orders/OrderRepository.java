package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.DatabaseTime;
import org.farmersmarket.db.internal.IdempotentWrites;
import org.farmersmarket.db.internal.IdempotentWrites.Recorded;
import org.farmersmarket.db.internal.Work;
import org.farmersmarket.db.internal.stock.StockLedger;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.jooq.enums.IdempotentOperation;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.jooq.DSLContext;

/**
 * Orders with their lines and payments: placing them, their life cycle, payment outcomes and refunds, listings and
 * vendor sales. Payments belong to the order aggregate, so their operations live here too.
 *
 * <p>Stock is never written here: every stock change goes through the stock ledger that {@link InventoryRepository}
 * writes with too, inside the same transaction, so the stock history carries the order id.
 *
 * <p>Every method translates the database's refusals into the library's exceptions; none lets a raw jOOQ
 * {@code DataAccessException} escape for a predictable case.
 */
public final class OrderRepository {

    /** The most orders {@link #placeOrders} places in one call. */
    public static final int MAX_ORDERS_PER_CALL = 50;

    private final DSLContext dsl;
    private final PricingPolicy pricing;

    /**
     * Creates a repository that prices orders with {@link PricingPolicy#DEFAULT} (8 % tax, no service fee, 5.00 USD
     * delivery fee). Inside a transaction pass the transaction's context.
     */
    public OrderRepository(DSLContext dsl) {
        this(dsl, PricingPolicy.DEFAULT);
    }

    /**
     * Creates a repository that prices orders with the given policy.
     *
     * @throws org.farmersmarket.db.InvalidInputException when the policy is null
     */
    public OrderRepository(DSLContext dsl, PricingPolicy pricing) {
        this.dsl = Arguments.required(dsl, "dsl");
        this.pricing = Arguments.required(pricing, "pricing");
    }

    /**
     * The statuses an order may move to from {@code status}, as {@link #changeStatus} allows them: pending,
     * confirmed, preparing, ready, completed; cancelled from any open status; refunded only from completed.
     * Answered without the database.
     *
     * @return the allowed next statuses; empty for a final status (cancelled, refunded)
     * @throws InvalidInputException if {@code status} is null
     */
    public Set<OrderStatus> allowedTransitions(OrderStatus status) {
        Arguments.required(status, "status");
        return Collections.unmodifiableSet(OrderStatusTransitions.next(status));
    }

    /**
     * Places an order in one transaction: checks the customer exists and every product exists and is active (locking
     * the products so their price and status hold until commit), prices the lines from the database, writes the
     * order, reserves all the lines' stock at once (locking the lots in one statement, so concurrent orders,
     * cancellations and completions never deadlock),
     * writes the lines in one multi-row insert and a pending payment for the total. Either all of it happens or none
     * of it. Duplicate product lines are merged (see {@link PlaceOrder}). The reservations' stock history rows carry
     * the new order's id and name the customer as the user who made the change.
     *
     * <p>Round trips: 8 with the commit, however many lines and lots (customer check, which also reads the
     * transaction id that resolves a lost commit, product lock, order insert, lot lock, lot update with its history
     * insert, line insert, payment insert, commit); the returned order is built
     * from what the inserts returned, not read again. The reservation goes straight to the stock ledger in the same
     * transaction: it opens no savepoint, whatever the transaction provider.
     *
     * @return the new order, status pending, with its items and its pending payment
     * @throws NotFoundException when the customer or a product does not exist
     * @throws org.farmersmarket.db.ProductUnavailableException when a product is not active
     * @throws org.farmersmarket.db.InsufficientStockException when a product has fewer available units than ordered
     * @throws org.farmersmarket.db.InvalidInputException when the request is null, the products are priced in
     *     different currencies, or the delivery fee is in another currency than a delivery order
     */
    public Order placeOrder(PlaceOrder request) {
        Arguments.required(request, "request");
        return Work.write(dsl, trx -> new OrderPlacement(trx, pricing).place(request));
    }

    /**
     * Places several orders in one transaction, all or nothing, as {@link #placeOrder(PlaceOrder)} places each.
     * Before the first order it locks everything the orders need in one global order (their products, then their
     * products' lots, each in id order), the order every other placement and stock change locks in: so a unit of
     * work with several orders never deadlocks with a concurrent one. Two round trips plus {@code placeOrder}'s per
     * order.
     *
     * <p>Use it rather than several {@code placeOrder} calls in one {@link org.farmersmarket.db.FarmersMarketDb#inTransaction}:
     * there the first order's lots are held while the second's are locked, and a concurrent order of the same
     * products in the other order waits on the first while holding the second: a deadlock, which PostgreSQL breaks
     * after a second by failing one of them (a {@link org.farmersmarket.db.ConcurrencyConflictException}).
     *
     * @param requests 1 to {@value #MAX_ORDERS_PER_CALL} orders, placed in the given order
     * @return the orders, in the order of the requests
     * @throws org.farmersmarket.db.InvalidInputException when the list is null, empty, too long or holds null
     * @throws NotFoundException when a customer or product of any order does not exist (then no order is placed)
     */
    public List<Order> placeOrders(List<PlaceOrder> requests) {
        List<PlaceOrder> orders = Arguments.elements(requests, "requests", MAX_ORDERS_PER_CALL);
        return Work.write(dsl, trx -> new OrderPlacement(trx, pricing).placeAll(orders));
    }

    /**
     * {@link #placeOrder(PlaceOrder)} at most once per key: a retry with the same key and the same request (lines in
     * any order) writes nothing and returns the order the first call placed, as it is now; see {@link
     * IdempotencyKey}. Two round trips more. A retry after the stock ran out still returns the first order.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public Order placeOrder(PlaceOrder request, IdempotencyKey key) {
        Arguments.required(request, "request");
        Arguments.required(key, "idempotencyKey");
        return Work.write(
                dsl,
                trx -> IdempotentWrites.once(
                        trx,
                        key,
                        IdempotentOperation.PLACE_ORDER,
                        request.canonicalForm(),
                        () -> new OrderPlacement(trx, pricing).place(request),
                        order -> Recorded.order(order.id()),
                        recorded ->
                                OrderQueries.findById(trx, recorded.orderId()).orElseThrow()));
    }

    /**
     * The order with its items and payments, in one round trip (the children aggregated into typed arrays of the
     * order's row).
     *
     * @throws org.farmersmarket.db.InvalidInputException when the id is null
     */
    public Optional<Order> findById(UUID orderId) {
        Arguments.required(orderId, "orderId");
        return Work.read(() -> OrderQueries.findById(dsl, orderId));
    }

    /**
     * One page of a customer's orders matching the filter, newest first (created_at, then id, descending), keyset
     * paginated. An unknown customer has no orders. One round trip.
     *
     * @throws org.farmersmarket.db.InvalidInputException when an argument is null or the cursor is malformed
     */
    public Page<OrderSummary> listForCustomer(UUID customerId, OrderFilter filter, PageRequest page) {
        Arguments.required(customerId, "customerId");
        Arguments.required(filter, "filter");
        Arguments.required(page, "page");
        return Work.read(() -> OrderQueries.summaries(
                dsl, "orders/customer/" + customerId, OrderQueries.customerConditions(customerId, filter), page));
    }

    /**
     * One page of the orders that contain at least one of a vendor's products, newest first (created_at, then id,
     * descending), keyset paginated. Totals are those of the whole order. An unknown vendor has no orders. One round
     * trip.
     *
     * @throws org.farmersmarket.db.InvalidInputException when an argument is null or the cursor is malformed
     */
    public Page<OrderSummary> listForVendor(UUID vendorId, PageRequest page) {
        Arguments.required(vendorId, "vendorId");
        Arguments.required(page, "page");
        return Work.read(() -> OrderQueries.summaries(
                dsl, "orders/vendor/" + vendorId, OrderQueries.vendorConditions(vendorId), page));
    }

    /**
     * Moves an order along its life cycle, with the order row locked (SELECT ... FOR UPDATE) for the transaction:
     * pending &rarr; confirmed &rarr; preparing &rarr; ready &rarr; completed; cancelled from pending, confirmed,
     * preparing or ready; refunded from completed only (an order never handed over is cancelled instead). Cancelling
     * releases the order's reserved stock and completing records its sale, both through the stock ledger, with
     * history rows that carry the order id. Refunding a completed order changes no stock (its payments are
     * refunded with {@link #refundPayment}).
     *
     * <p>Round trips: 4 with the commit (lock, update, re-read of the order), plus the stock release or sale when
     * cancelling or completing: 4 statements however many lots, 1 when nothing is reserved.
     *
     * @param changedBy who makes the change; recorded on the stock history
     * @return the order after the change
     * @throws NotFoundException when the order does not exist
     * @throws org.farmersmarket.db.InvalidStateTransitionException when the life cycle does not allow the change
     * @throws org.farmersmarket.db.InvalidInputException when an argument is null
     */
    public Order changeStatus(UUID orderId, OrderStatus to, Actor changedBy) {
        Arguments.required(orderId, "orderId");
        Arguments.required(to, "to");
        UUID user = Arguments.required(changedBy, "changedBy").userId().orElse(null);
        return Work.write(dsl, tx -> {
            OrderStatusTransitions.require(orderId, lockStatus(tx, orderId), to);
            applyStockEffect(tx, orderId, to, user);
            tx.update(ORDERS)
                    .set(ORDERS.STATUS, to)
                    .set(ORDERS.STATUS_CHANGED_AT, DatabaseTime.now())
                    .where(ORDERS.ID.eq(orderId))
                    .execute();
            return OrderQueries.findById(tx, orderId).orElseThrow();
        });
    }

    /**
     * Records what a payment provider reported, idempotently on {@code (provider, providerPaymentId)}, with the order
     * row locked so outcomes for one order are recorded one at a time.
     *
     * <ul>
     *   <li>The same outcome again (same order, status and amount) returns the recorded payment and changes nothing;
     *       a payment refunded since still counts as the succeeded outcome it was.
     *   <li>A different outcome for an already recorded provider payment is refused with a {@link
     *       org.farmersmarket.db.DuplicateException} (rule {@code payments_provider_payment_id_key}): the provider's
     *       first word stands.
     *   <li>Otherwise the outcome settles the order's oldest pending payment of the same amount (no new row), or, if
     *       there is none, is added as a new payment. A succeeded payment gets {@code paid_at} set to now.
     * </ul>
     *
     * <p>Round trips: 4 with the commit (order lock, provider payment look-up, update), 5 when a new row is added.
     *
     * @return the recorded payment
     * @throws NotFoundException when the order does not exist
     * @throws org.farmersmarket.db.DuplicateException when the provider payment was recorded with another outcome
     * @throws org.farmersmarket.db.InvalidInputException when the outcome is null or its currency is not the order's
     */
    public Payment recordPaymentOutcome(PaymentOutcome outcome) {
        Arguments.required(outcome, "outcome");
        return Work.write(dsl, trx -> new PaymentLedger(trx).recordOutcome(outcome));
    }

    /**
     * Refunds part or all of a succeeded payment, with the payment row locked. The refunded amounts add up and never
     * exceed the payment's amount; once they equal it the payment's status becomes refunded (until then it stays
     * succeeded). Round trips: 3 with the commit (lock, update).
     *
     * @param amount how much to refund now, more than 0, in the payment's currency
     * @return the payment after the refund
     * @throws NotFoundException when the payment does not exist
     * @throws org.farmersmarket.db.InvalidStateTransitionException when the payment is not succeeded (pending,
     *     failed, or already fully refunded)
     * @throws org.farmersmarket.db.InvalidInputException when the amount is null, not positive, in another currency,
     *     or would bring the refunded amount above the payment amount (the message names both)
     */
    public Payment refundPayment(UUID paymentId, Money amount) {
        Arguments.required(paymentId, "paymentId");
        Arguments.positive(amount, "amount");
        return Work.write(dsl, trx -> new PaymentLedger(trx).refund(paymentId, amount));
    }

    /**
     * {@link #refundPayment(UUID, Money)} at most once per key: a retry with the same key and the same amount
     * refunds nothing more and returns the payment as it is now; see {@link IdempotencyKey}. Two round trips more.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public Payment refundPayment(UUID paymentId, Money amount, IdempotencyKey key) {
        Arguments.required(paymentId, "paymentId");
        Arguments.positive(amount, "amount");
        Arguments.required(key, "idempotencyKey");
        IdempotentWrites.Request request = new IdempotentWrites.Request()
                .with(paymentId)
                .with(amount.amount().toPlainString())
                .with(amount.currency());
        return Work.write(dsl, trx -> {
            PaymentLedger ledger = new PaymentLedger(trx);
            return IdempotentWrites.once(
                    trx,
                    key,
                    IdempotentOperation.REFUND_PAYMENT,
                    request,
                    () -> ledger.refund(paymentId, amount),
                    payment -> Recorded.payment(payment.id()),
                    recorded -> ledger.payment(recorded.paymentId()));
        });
    }

    /**
     * A vendor's sales per day over {@code [from, to)}, days taken in {@code zone}: per day the number of orders with
     * the vendor's products, the units and the revenue (sum of line totals, before tax and fees) of those lines.
     * Orders that were cancelled or refunded do not count; a day is the day the order was placed. Days without sales
     * are left out; a day with sales in two currencies has one entry per currency. One round trip.
     *
     * @return one entry per day with sales (and currency), oldest first
     * @throws org.farmersmarket.db.InvalidInputException when the query is null
     */
    public List<DailySales> salesSummary(SalesQuery query) {
        Arguments.required(query, "query");
        return Work.read(() -> SalesReport.daily(dsl, query));
    }

    private static OrderStatus lockStatus(DSLContext tx, UUID orderId) {
        return tx.select(ORDERS.STATUS)
                .from(ORDERS)
                .where(ORDERS.ID.eq(orderId))
                .forUpdate()
                .fetchOptional(ORDERS.STATUS)
                .orElseThrow(() -> new NotFoundException(Entity.ORDER, orderId));
    }

    private static void applyStockEffect(DSLContext tx, UUID orderId, OrderStatus to, UUID changedBy) {
        StockLedger ledger = new StockLedger(tx);
        switch (OrderStatusTransitions.stockEffectOf(to)) {
            case RELEASE -> ledger.settle(orderId, InventoryChangeReason.RELEASE, changedBy);
            case SALE -> ledger.settle(orderId, InventoryChangeReason.SALE, changedBy);
            case NONE -> {
                // Confirming, preparing and the rest leave the reservation as it is.
            }
        }
    }
}
