package org.farmersmarket.db.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.ProductUnit;

/**
 * One row of a product listing: the product's key facts with its rating and stock.
 *
 * @param id the product's id
 * @param vendorId the vendor that sells it
 * @param categoryId the category it is listed in
 * @param name the display name
 * @param slug the URL-safe unique key
 * @param price the price of one unit
 * @param unit what one unit is
 * @param status its status
 * @param organic whether it is sold as organic
 * @param createdAt when it was created
 * @param averageRating the average review rating rounded to two decimals, or empty without reviews
 * @param reviewCount how many reviews it has
 * @param availableStock units on hand minus units reserved, over all its lots
 */
public record ProductSummary(
        UUID id,
        UUID vendorId,
        UUID categoryId,
        String name,
        String slug,
        Money price,
        ProductUnit unit,
        ProductStatus status,
        boolean organic,
        Instant createdAt,
        Optional<BigDecimal> averageRating,
        int reviewCount,
        int availableStock) {}
