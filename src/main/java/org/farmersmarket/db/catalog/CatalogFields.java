package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.Optional;
import java.util.function.Function;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.internal.ResultRow;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The select lists that map rows to the catalog's records, shared by the repositories. They are immutable, so each
 * is built once rather than on every query.
 */
final class CatalogFields {

    private CatalogFields() {}

    private static final SelectField<Money> PRICE =
            DSL.row(PRODUCTS.PRICE, PRODUCTS.CURRENCY).mapping(Money::new);

    static SelectField<Money> price() {
        return PRICE;
    }

    private static final SelectField<Product> PRODUCT = DSL.row(
                    PRODUCTS.ID,
                    PRODUCTS.VENDOR_ID,
                    PRODUCTS.CATEGORY_ID,
                    PRODUCTS.NAME,
                    PRODUCTS.SLUG,
                    PRODUCTS.DESCRIPTION.convertFrom(Optional::ofNullable),
                    price(),
                    PRODUCTS.UNIT,
                    PRODUCTS.STATUS,
                    PRODUCTS.IS_ORGANIC,
                    PRODUCTS.CREATED_AT,
                    PRODUCTS.UPDATED_AT)
            .mapping(Product::new);

    static SelectField<Product> product() {
        return PRODUCT;
    }

    /**
     * The product's columns as a flat select list, for queries that select one product: unlike {@link #product()}
     * (a nested row, which PostgreSQL returns as one record literal for jOOQ to parse), each column arrives as a
     * column of its own. Map the rows with {@link #toProduct()}.
     */
    static SelectField<?>[] productColumns() {
        return new SelectField<?>[] {
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
            PRODUCTS.UPDATED_AT
        };
    }

    /** Maps a row of {@link #productColumns()} to a product. */
    private static final Function<ResultRow, Product> TO_PRODUCT = row -> new Product(
            row.get(PRODUCTS.ID),
            row.get(PRODUCTS.VENDOR_ID),
            row.get(PRODUCTS.CATEGORY_ID),
            row.get(PRODUCTS.NAME),
            row.get(PRODUCTS.SLUG),
            Optional.ofNullable(row.get(PRODUCTS.DESCRIPTION)),
            new Money(row.get(PRODUCTS.PRICE), row.get(PRODUCTS.CURRENCY)),
            row.get(PRODUCTS.UNIT),
            row.get(PRODUCTS.STATUS),
            row.get(PRODUCTS.IS_ORGANIC),
            row.get(PRODUCTS.CREATED_AT),
            row.get(PRODUCTS.UPDATED_AT));

    static Function<ResultRow, Product> toProduct() {
        return TO_PRODUCT;
    }

    private static final SelectField<VendorSummary> VENDOR = DSL.row(
                    VENDOR_PROFILES.ID, VENDOR_PROFILES.BUSINESS_NAME, VENDOR_PROFILES.SLUG)
            .mapping(VendorSummary::new);

    static SelectField<VendorSummary> vendor() {
        return VENDOR;
    }

    /** A category from {@code source}: the categories table itself or a derived table with its columns. */
    static SelectField<Category> category(Table<?> source) {
        return DSL.row(
                        source.field(CATEGORIES.ID),
                        source.field(CATEGORIES.PARENT_ID).convertFrom(Optional::ofNullable),
                        source.field(CATEGORIES.NAME),
                        source.field(CATEGORIES.SLUG),
                        source.field(CATEGORIES.DESCRIPTION).convertFrom(Optional::ofNullable),
                        source.field(CATEGORIES.SORT_ORDER))
                .mapping(Category::new);
    }

    private static final SelectField<Review> REVIEW = DSL.row(
                    REVIEWS.ID,
                    REVIEWS.PRODUCT_ID,
                    REVIEWS.USER_ID,
                    REVIEWS.RATING.convertFrom(Short::intValue),
                    REVIEWS.TITLE.convertFrom(Optional::ofNullable),
                    REVIEWS.BODY.convertFrom(Optional::ofNullable),
                    REVIEWS.CREATED_AT)
            .mapping(Review::new);

    static SelectField<Review> review() {
        return REVIEW;
    }
}
