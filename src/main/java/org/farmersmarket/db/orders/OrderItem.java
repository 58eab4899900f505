package org.farmersmarket.db.orders;

import java.util.UUID;
import org.farmersmarket.db.Money;

/**
 * One line of a placed order: a snapshot of the product as sold, so later renames or price changes do not alter it.
 *
 * @param id the line's id
 * @param productId the product sold
 * @param vendorId the vendor who sells it
 * @param productName the product's name when the order was placed
 * @param quantity units sold, more than 0
 * @param unitPrice the product's price when the order was placed
 * @param lineTotal {@code unitPrice} times {@code quantity}
 */
public record OrderItem(
        UUID id, UUID productId, UUID vendorId, String productName, int quantity, Money unitPrice, Money lineTotal) {}
