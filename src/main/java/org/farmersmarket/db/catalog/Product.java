package org.farmersmarket.db.catalog;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.ProductUnit;

/**
 * A product as stored.
 *
 * @param id the product's id
 * @param vendorId the vendor that sells it
 * @param categoryId the category it is listed in
 * @param name the display name
 * @param slug the URL-safe unique key
 * @param description the description, if any
 * @param price the price of one {@code unit}
 * @param unit what one unit is, such as a pound or a bunch
 * @param status whether it is a draft, on sale, paused or archived
 * @param organic whether it is sold as organic
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Product(
        UUID id,
        UUID vendorId,
        UUID categoryId,
        String name,
        String slug,
        Optional<String> description,
        Money price,
        ProductUnit unit,
        ProductStatus status,
        boolean organic,
        Instant createdAt,
        Instant updatedAt) {}
