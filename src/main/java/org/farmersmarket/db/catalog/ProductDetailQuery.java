package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.farmersmarket.db.internal.NestedRows;
import org.farmersmarket.db.internal.PrerenderedQuery;
import org.farmersmarket.db.internal.ResultRow;
import org.jooq.CommonTableExpression;
import org.jooq.Param;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The product page as one statement, rendered once: the product and vendor as flat columns, the stock and rating
 * statistics from LATERAL aggregates, the category breadcrumbs and the newest reviews as {@link NestedRows}.
 * Arguments: the product id, then how many reviews.
 */
record ProductDetailQuery(PrerenderedQuery query, Function<ResultRow, ProductDetail> mapper) {

    static ProductDetailQuery create() {
        Param<UUID> productId = PrerenderedQuery.argument(0, PRODUCTS.ID.getDataType());
        Param<Integer> latestReviews = PrerenderedQuery.argument(1, SQLDataType.INTEGER);
        var categoryPath = CategoryQueries.ancestorsOf(
                DSL.field(DSL.select(PRODUCTS.CATEGORY_ID).from(PRODUCTS).where(PRODUCTS.ID.eq(productId))));
        var ratings = ReviewStatistics.perProduct();
        var stock = StockLevels.perProduct();
        NestedRows breadcrumbs = breadcrumbs(categoryPath);
        NestedRows reviews = newestReviews(latestReviews);
        List<SelectField<?>> select = new ArrayList<>(List.of(CatalogFields.productColumns()));
        select.addAll(List.of(VENDOR_PROFILES.ID, VENDOR_PROFILES.BUSINESS_NAME, VENDOR_PROFILES.SLUG));
        select.add(stock.available());
        select.addAll(ratings.columns());
        select.addAll(breadcrumbs.arrays());
        select.addAll(reviews.arrays());
        PrerenderedQuery query = PrerenderedQuery.of(DSL.withRecursive(categoryPath)
                .select(select)
                .from(PRODUCTS)
                .join(VENDOR_PROFILES)
                .on(VENDOR_PROFILES.ID.eq(PRODUCTS.VENDOR_ID))
                .crossJoin(stock.table())
                .crossJoin(ratings.table())
                .crossJoin(breadcrumbs.table())
                .crossJoin(reviews.table())
                .where(PRODUCTS.ID.eq(productId)));
        Function<ResultRow, ProductDetail> mapper = row -> new ProductDetail(
                CatalogFields.toProduct().apply(row),
                new VendorSummary(
                        row.get(VENDOR_PROFILES.ID),
                        row.get(VENDOR_PROFILES.BUSINESS_NAME),
                        row.get(VENDOR_PROFILES.SLUG)),
                breadcrumbs.rowsOf(row).stream()
                        .map(ProductDetailQuery::toCategory)
                        .toList(),
                row.get(stock.available()),
                ratings.summaryOf(row),
                reviews.rowsOf(row).stream().map(ProductDetailQuery::toReview).toList());
        return new ProductDetailQuery(query, mapper);
    }

    /** The categories from the top-level one down to the product's, as rows of the category path. */
    private static NestedRows breadcrumbs(CommonTableExpression<?> categoryPath) {
        return NestedRows.of(
                "breadcrumbs",
                categoryPath,
                DSL.noCondition(),
                List.of(CategoryQueries.depth(categoryPath).desc()),
                List.of(
                        categoryPath.field(CATEGORIES.ID),
                        categoryPath.field(CATEGORIES.PARENT_ID),
                        categoryPath.field(CATEGORIES.NAME),
                        categoryPath.field(CATEGORIES.SLUG),
                        categoryPath.field(CATEGORIES.DESCRIPTION),
                        categoryPath.field(CATEGORIES.SORT_ORDER)));
    }

    /** The newest reviews of the product, at most {@code limit}: a derived table limited before aggregating. */
    private static NestedRows newestReviews(Param<Integer> limit) {
        Table<?> newest = DSL.select(
                        REVIEWS.ID,
                        REVIEWS.PRODUCT_ID,
                        REVIEWS.USER_ID,
                        REVIEWS.RATING,
                        REVIEWS.TITLE,
                        REVIEWS.BODY,
                        REVIEWS.CREATED_AT)
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
                List.of(newest.fields()));
    }

    private static Category toCategory(ResultRow row) {
        return new Category(
                row.get(CATEGORIES.ID),
                Optional.ofNullable(row.get(CATEGORIES.PARENT_ID)),
                row.get(CATEGORIES.NAME),
                row.get(CATEGORIES.SLUG),
                Optional.ofNullable(row.get(CATEGORIES.DESCRIPTION)),
                row.get(CATEGORIES.SORT_ORDER));
    }

    private static Review toReview(ResultRow row) {
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
