package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.internal.NestedRows;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Definition;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The product page as one statement, rendered once: the product and vendor as flat columns, the stock and rating
 * statistics from LATERAL aggregates, the category breadcrumbs and the newest reviews as {@link NestedRows}.
 */
final class ProductDetailQuery {

    private ProductDetailQuery() {}

    /** A product page to read: the product and how many of its newest reviews. */
    record Request(UUID productId, int latestReviews) {}

    static Statement<Request, ProductDetail> create() {
        return Statement.of(Reading.DRIVER, ProductDetailQuery::define);
    }

    private static Definition<ProductDetail> define(Inputs<Request> request) {
        Field<UUID> productId = request.value(Request::productId, PRODUCTS.ID);
        Field<Integer> latestReviews = request.value(Request::latestReviews, SQLDataType.INTEGER);
        var categoryPath = CategoryQueries.ancestorsOf(
                DSL.field(DSL.select(PRODUCTS.CATEGORY_ID).from(PRODUCTS).where(PRODUCTS.ID.eq(productId))));
        var ratings = ReviewStatistics.perProduct();
        var stock = StockLevels.perProduct();
        NestedRows<Category> breadcrumbs = breadcrumbs(categoryPath);
        NestedRows<Review> reviews = newestReviews(latestReviews);
        List<SelectField<?>> select = new ArrayList<>(CatalogRows.PRODUCT_COLUMNS);
        select.addAll(CatalogRows.VENDOR_COLUMNS);
        select.add(stock.available());
        select.addAll(ratings.columns());
        select.addAll(breadcrumbs.arrays());
        select.addAll(reviews.arrays());
        var query = DSL.withRecursive(categoryPath)
                .select(select)
                .from(PRODUCTS)
                .join(VENDOR_PROFILES)
                .on(VENDOR_PROFILES.ID.eq(PRODUCTS.VENDOR_ID))
                .crossJoin(stock.table())
                .crossJoin(ratings.table())
                .crossJoin(breadcrumbs.table())
                .crossJoin(reviews.table())
                .where(PRODUCTS.ID.eq(productId));
        return new Definition<>(
                query,
                (ResultRow row) -> new ProductDetail(
                        CatalogRows.product(row),
                        CatalogRows.vendor(row),
                        breadcrumbs.of(row),
                        row.get(stock.available()),
                        ratings.summaryOf(row),
                        reviews.of(row)));
    }

    /** The categories from the top-level one down to the product's, as rows of the category path. */
    private static NestedRows<Category> breadcrumbs(CommonTableExpression<?> categoryPath) {
        return NestedRows.of(
                "breadcrumbs",
                categoryPath,
                DSL.noCondition(),
                List.of(CategoryQueries.depth(categoryPath).desc()),
                CatalogRows.categoryColumns(categoryPath),
                CatalogRows::category);
    }

    /** The newest reviews of the product, at most {@code limit}: a derived table limited before aggregating. */
    private static NestedRows<Review> newestReviews(Field<Integer> limit) {
        Table<?> newest = DSL.select(CatalogRows.REVIEW_COLUMNS)
                .from(REVIEWS)
                .where(REVIEWS.PRODUCT_ID.eq(PRODUCTS.ID))
                .orderBy(REVIEWS.CREATED_AT.desc(), REVIEWS.ID.desc())
                .limit(limit)
                .asTable("newest_reviews");
        return NestedRows.of(
                "latest_reviews",
                newest,
                DSL.noCondition(),
                List.of(
                        newest.field(REVIEWS.CREATED_AT).desc(),
                        newest.field(REVIEWS.ID).desc()),
                List.of(newest.fields()),
                CatalogRows::review);
    }
}
