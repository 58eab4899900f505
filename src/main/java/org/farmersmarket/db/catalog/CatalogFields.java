package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.Optional;
import org.farmersmarket.db.Money;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The select lists that map rows to the catalog's records, shared by the repositories. */
final class CatalogFields {

    private CatalogFields() {}

    static SelectField<Money> price() {
        return DSL.row(PRODUCTS.PRICE, PRODUCTS.CURRENCY).mapping(Money::new);
    }

    static SelectField<Product> product() {
        return DSL.row(
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
    }

    static SelectField<VendorSummary> vendor() {
        return DSL.row(VENDOR_PROFILES.ID, VENDOR_PROFILES.BUSINESS_NAME, VENDOR_PROFILES.SLUG)
                .mapping(VendorSummary::new);
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

    static SelectField<Review> review() {
        return DSL.row(
                        REVIEWS.ID,
                        REVIEWS.PRODUCT_ID,
                        REVIEWS.USER_ID,
                        REVIEWS.RATING.convertFrom(Short::intValue),
                        REVIEWS.TITLE.convertFrom(Optional::ofNullable),
                        REVIEWS.BODY.convertFrom(Optional::ofNullable),
                        REVIEWS.CREATED_AT)
                .mapping(Review::new);
    }
}
