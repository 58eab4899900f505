package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.List;
import java.util.Optional;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.internal.ResultRow;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The catalog's row mappers, one per record, each with the columns it reads. Every query that returns a product, a
 * vendor, a category or a review selects these columns (flat, never as a nested row) and maps with these functions.
 */
final class CatalogRows {

    private CatalogRows() {}

    /** The columns {@link #product} reads. */
    static final List<Field<?>> PRODUCT_COLUMNS = List.of(
            PRODUCTS.ID,
            PRODUCTS.VENDOR_ID,
            PRODUCTS.CATEGORY_ID,
            PRODUCTS.NAME,
            PRODUCTS.SLUG,
            PRODUCTS.DESCRIPTION,
            PRODUCTS.PRICE,
            PRODUCTS.CURRENCY,
            PRODUCTS.UNIT,
            PRODUCTS.STATUS,
            PRODUCTS.IS_ORGANIC,
            PRODUCTS.CREATED_AT,
            PRODUCTS.UPDATED_AT);

    static Product product(ResultRow row) {
        return new Product(
                row.get(PRODUCTS.ID),
                row.get(PRODUCTS.VENDOR_ID),
                row.get(PRODUCTS.CATEGORY_ID),
                row.get(PRODUCTS.NAME),
                row.get(PRODUCTS.SLUG),
                Optional.ofNullable(row.get(PRODUCTS.DESCRIPTION)),
                price(row),
                row.get(PRODUCTS.UNIT),
                row.get(PRODUCTS.STATUS),
                row.get(PRODUCTS.IS_ORGANIC),
                row.get(PRODUCTS.CREATED_AT),
                row.get(PRODUCTS.UPDATED_AT));
    }

    /** A product's price: its amount and currency columns. */
    static Money price(ResultRow row) {
        return new Money(row.get(PRODUCTS.PRICE), row.get(PRODUCTS.CURRENCY));
    }

    /** The columns {@link #vendor} reads. */
    static final List<Field<?>> VENDOR_COLUMNS =
            List.of(VENDOR_PROFILES.ID, VENDOR_PROFILES.BUSINESS_NAME, VENDOR_PROFILES.SLUG);

    static VendorSummary vendor(ResultRow row) {
        return new VendorSummary(
                row.get(VENDOR_PROFILES.ID), row.get(VENDOR_PROFILES.BUSINESS_NAME), row.get(VENDOR_PROFILES.SLUG));
    }

    /** The columns {@link #category} reads. */
    static final List<Field<?>> CATEGORY_COLUMNS = List.of(
            CATEGORIES.ID,
            CATEGORIES.PARENT_ID,
            CATEGORIES.NAME,
            CATEGORIES.SLUG,
            CATEGORIES.DESCRIPTION,
            CATEGORIES.SORT_ORDER);

    /** {@link #CATEGORY_COLUMNS} of a derived table or CTE with the categories' columns. */
    static List<Field<?>> categoryColumns(Table<?> source) {
        return CATEGORY_COLUMNS.stream().<Field<?>>map(source::field).toList();
    }

    /** A category; reads the columns of {@code categories} or of a derived table named as they are. */
    static Category category(ResultRow row) {
        return new Category(
                row.get(CATEGORIES.ID),
                Optional.ofNullable(row.get(CATEGORIES.PARENT_ID)),
                row.get(CATEGORIES.NAME),
                row.get(CATEGORIES.SLUG),
                Optional.ofNullable(row.get(CATEGORIES.DESCRIPTION)),
                row.get(CATEGORIES.SORT_ORDER));
    }

    /** The columns {@link #review} reads. */
    static final List<Field<?>> REVIEW_COLUMNS = List.of(
            REVIEWS.ID,
            REVIEWS.PRODUCT_ID,
            REVIEWS.USER_ID,
            REVIEWS.RATING,
            REVIEWS.TITLE,
            REVIEWS.BODY,
            REVIEWS.CREATED_AT);

    static Review review(ResultRow row) {
        return new Review(
                row.get(REVIEWS.ID),
                row.get(REVIEWS.PRODUCT_ID),
                row.get(REVIEWS.USER_ID),
                row.get(REVIEWS.RATING).intValue(),
                Optional.ofNullable(row.get(REVIEWS.TITLE)),
                Optional.ofNullable(row.get(REVIEWS.BODY)),
                row.get(REVIEWS.CREATED_AT));
    }
}
