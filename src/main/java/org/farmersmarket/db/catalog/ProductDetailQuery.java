package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.farmersmarket.db.internal.PrerenderedQuery;
import org.farmersmarket.db.internal.ResultRow;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record1;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The product page as one statement, rendered once: the product and vendor as flat columns, the stock and rating
 * statistics from LATERAL aggregates, the category breadcrumbs and the newest reviews as MULTISETs. Arguments: the
 * product id, then how many reviews.
 */
record ProductDetailQuery(PrerenderedQuery query, Function<ResultRow, ProductDetail> mapper) {

    static ProductDetailQuery create() {
        Param<UUID> productId = PrerenderedQuery.argument(0, PRODUCTS.ID.getDataType());
        Param<Integer> latestReviews = PrerenderedQuery.argument(1, SQLDataType.INTEGER);
        var categoryPath = CategoryQueries.ancestorsOf(
                DSL.field(DSL.select(PRODUCTS.CATEGORY_ID).from(PRODUCTS).where(PRODUCTS.ID.eq(productId))));
        var ratings = ReviewStatistics.perProduct();
        var stock = StockLevels.perProduct();
        Field<List<Category>> breadcrumbs = breadcrumbs(categoryPath);
        Field<List<Review>> reviews = newestReviews(latestReviews);
        List<SelectField<?>> select = new ArrayList<>(List.of(CatalogFields.productColumns()));
        select.addAll(List.of(VENDOR_PROFILES.ID, VENDOR_PROFILES.BUSINESS_NAME, VENDOR_PROFILES.SLUG));
        select.addAll(List.of(breadcrumbs, stock.available(), reviews));
        select.addAll(ratings.columns());
        PrerenderedQuery query = PrerenderedQuery.of(DSL.withRecursive(categoryPath)
                .select(select)
                .from(PRODUCTS)
                .join(VENDOR_PROFILES)
                .on(VENDOR_PROFILES.ID.eq(PRODUCTS.VENDOR_ID))
                .crossJoin(stock.table())
                .crossJoin(ratings.table())
                .where(PRODUCTS.ID.eq(productId)));
        Function<ResultRow, ProductDetail> mapper = row -> new ProductDetail(
                CatalogFields.toProduct().apply(row),
                new VendorSummary(
                        row.get(VENDOR_PROFILES.ID),
                        row.get(VENDOR_PROFILES.BUSINESS_NAME),
                        row.get(VENDOR_PROFILES.SLUG)),
                row.get(breadcrumbs),
                row.get(stock.available()),
                ratings.summaryOf(row),
                row.get(reviews));
        return new ProductDetailQuery(query, mapper);
    }

    private static Field<List<Category>> breadcrumbs(CommonTableExpression<?> categoryPath) {
        return DSL.multiset(DSL.select(CatalogFields.category(categoryPath))
                        .from(categoryPath)
                        .orderBy(CategoryQueries.depth(categoryPath).desc()))
                .convertFrom(rows -> rows.map(Record1::value1))
                .as("category_path");
    }

    private static Field<List<Review>> newestReviews(Param<Integer> limit) {
        return DSL.multiset(DSL.select(CatalogFields.review())
                        .from(REVIEWS)
                        .where(REVIEWS.PRODUCT_ID.eq(PRODUCTS.ID))
                        .orderBy(REVIEWS.CREATED_AT.desc(), REVIEWS.ID.desc())
                        .limit(limit))
                .convertFrom(rows -> rows.map(Record1::value1))
                .as("latest_reviews");
    }
}
