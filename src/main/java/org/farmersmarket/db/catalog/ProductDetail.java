package org.farmersmarket.db.catalog;

import java.util.List;

/**
 * Everything a product page shows, read in one round trip by {@link ProductRepository#findDetail}.
 *
 * @param product the product
 * @param vendor the vendor that sells it
 * @param categoryPath the breadcrumbs: the categories from the top-level one down to the product's own
 * @param availableStock units on hand minus units reserved, over all its lots
 * @param rating its review statistics
 * @param latestReviews its newest reviews, newest first
 */
public record ProductDetail(
        Product product,
        VendorSummary vendor,
        List<Category> categoryPath,
        int availableStock,
        RatingSummary rating,
        List<Review> latestReviews) {

    /** Copies the lists so the detail is immutable. */
    public ProductDetail {
        categoryPath = List.copyOf(categoryPath);
        latestReviews = List.copyOf(latestReviews);
    }
}
