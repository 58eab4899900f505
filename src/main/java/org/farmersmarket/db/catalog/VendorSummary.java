package org.farmersmarket.db.catalog;

import java.util.UUID;

/**
 * The vendor of a product, as a product page shows it.
 *
 * @param id the vendor's id
 * @param businessName the business name
 * @param slug the vendor's URL-safe unique key
 */
public record VendorSummary(UUID id, String businessName, String slug) {}
