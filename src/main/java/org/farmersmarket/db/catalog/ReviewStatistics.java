package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.farmersmarket.db.internal.ResultRow;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The review statistics of each product in a query's FROM clause, as a LATERAL derived table to cross join after
 * {@code products}: one aggregate row per product, so it never drops a product without reviews.
 */
final class ReviewStatistics {

    private final Table<?> table;
    private final Field<BigDecimal> average;
    private final Field<Integer> count;
    private final List<Field<Integer>> starCounts;

    private ReviewStatistics(Table<?> table, Field<BigDecimal> average, Field<Integer> count, boolean withStarCounts) {
        this.table = table;
        this.average = average;
        this.count = count;
        this.starCounts = withStarCounts
                ? List.of(stars(table, 1), stars(table, 2), stars(table, 3), stars(table, 4), stars(table, 5))
                : List.of();
    }

    /** Statistics correlated to {@code products.id}; built per query because jOOQ query parts are mutable. */
    static ReviewStatistics perProduct() {
        return correlated(true);
    }

    private static ReviewStatistics correlated(boolean withStarCounts) {
        Field<BigDecimal> average = DSL.round(DSL.avg(REVIEWS.RATING), 2).as("average_rating");
        Field<Integer> count = DSL.count().as("review_count");
        List<Field<?>> aggregates = new ArrayList<>(List.of(average, count));
        if (withStarCounts) {
            aggregates.addAll(List.of(starCount(1), starCount(2), starCount(3), starCount(4), starCount(5)));
        }
        Table<?> table = DSL.lateral(DSL.select(aggregates)
                .from(REVIEWS)
                .where(REVIEWS.PRODUCT_ID.eq(PRODUCTS.ID))
                .asTable("review_statistics"));
        return new ReviewStatistics(table, table.field(average), table.field(count), withStarCounts);
    }

    Table<?> table() {
        return table;
    }

    /** The average rating rounded to two decimals; NULL without reviews. */
    Field<BigDecimal> average() {
        return average;
    }

    Field<Integer> count() {
        return count;
    }

    /** The statistics as columns of their own, for queries that map rows with {@link #summaryOf}. */
    List<Field<?>> columns() {
        List<Field<?>> columns = new ArrayList<>(List.of(average, count));
        columns.addAll(starCounts);
        return columns;
    }

    /** The summary of a row that selected {@link #columns()}. */
    RatingSummary summaryOf(ResultRow row) {
        return new RatingSummary(
                Optional.ofNullable(row.get(average)),
                row.get(count),
                starCounts.stream().map(row::get).toList());
    }

    private static Field<Integer> starCount(int stars) {
        return DSL.count().filterWhere(REVIEWS.RATING.eq((short) stars)).as(starColumn(stars));
    }

    private static Field<Integer> stars(Table<?> table, int stars) {
        return table.field(starColumn(stars), Integer.class);
    }

    private static String starColumn(int stars) {
        return "stars_" + stars;
    }
}
