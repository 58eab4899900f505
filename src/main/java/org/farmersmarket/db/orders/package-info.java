/**
 * Orders, their lines and payments: {@link org.farmersmarket.db.orders.OrderRepository} is the one entry point of
 * the aggregate.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>Prices always come from the products table when an order is placed; requests carry no price. Lines are
 *       snapshots: later price or name changes do not alter placed orders.
 *   <li>Several lines for one product are merged into one line with the summed quantity.
 *   <li>Tax and fees follow a {@link org.farmersmarket.db.orders.PricingPolicy}; the default is 8 % tax, no service
 *       fee and a 5.00 USD delivery fee. All amounts of an order share one currency.
 *   <li>Life cycle: pending, confirmed, preparing, ready, completed; cancelled from any of the first four (releases
 *       the reserved stock); refunded only from completed (the stock stays sold). Completing records the sale.
 *   <li>Payment outcomes are idempotent on (provider, provider payment id); a different outcome for a recorded
 *       provider payment is a {@link org.farmersmarket.db.DuplicateException}. Refunds add up to at most the paid
 *       amount; a fully refunded payment has status refunded.
 *   <li>All stock changes go through {@link org.farmersmarket.db.inventory.InventoryRepository} in the same
 *       transaction, so the stock history carries the order id.
 * </ul>
 */
package org.farmersmarket.db.orders;
