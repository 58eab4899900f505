package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Keyset;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** One page of a {@link ProductSearch}: its filters, its order and its keyset cursor. */
final class ProductSearchQuery {

    /** A cursor holds the sort's ordinal, the sort value and the id. */
    private static final int CURSOR_PARTS = 3;

    private final ProductSearch search;
    private final ReviewStatistics ratings = ReviewStatistics.perProduct();
    private final StockLevels stock = StockLevels.perProduct();

    ProductSearchQuery(ProductSearch search) {
        this.search = search;
    }

    /** Fetches one page: one round trip. The cursor is checked before the query runs. */
    Page<ProductSummary> fetch(DSLContext dsl, PageRequest request) {
        List<Condition> conditions = filters();
        decode(request).ifPresent(conditions::add);
        List<ProductSummary> rows = dsl.select(summary())
                .from(PRODUCTS)
                .crossJoin(ratings.table())
                .crossJoin(stock.table())
                .where(conditions)
                .orderBy(order())
                .limit(request.limit() + 1)
                .fetch(Record1::value1);
        return Keyset.page(rows, request, this::cursorOf);
    }

    List<Condition> filters() {
        List<Condition> conditions = new ArrayList<>();
        search.categoryId().ifPresent(id -> conditions.add(PRODUCTS.CATEGORY_ID.in(CategoryQueries.subtreeIds(id))));
        search.vendorId().ifPresent(id -> conditions.add(PRODUCTS.VENDOR_ID.eq(id)));
        search.status().ifPresent(status -> conditions.add(PRODUCTS.STATUS.eq(status)));
        search.minPrice().ifPresent(price -> conditions.add(PRODUCTS.PRICE.ge(price)));
        search.maxPrice().ifPresent(price -> conditions.add(PRODUCTS.PRICE.le(price)));
        search.text().ifPresent(text -> conditions.add(matchesText(text)));
        if (search.inStockOnly()) {
            conditions.add(stock.available().gt(0));
        }
        return conditions;
    }

    // jOOQ knows no tsvector type, so SEARCH_VECTOR is an untyped field; it is only ever compared here, never
    // read into Java.
    private static Condition matchesText(String text) {
        // jOOQ has no typed form of the @@ operator; the user's text travels only as a bind value.
        return DSL.condition("{0} @@ websearch_to_tsquery('english', {1})", PRODUCTS.SEARCH_VECTOR, DSL.val(text));
    }

    /**
     * The rating sort key. Real averages are at least 1, so 0 for "no reviews" puts those products last in
     * descending order, and a key that is never NULL keeps the keyset comparison free of NULL cases.
     */
    private Field<BigDecimal> ratingKey() {
        return DSL.coalesce(ratings.average(), BigDecimal.ZERO);
    }

    private List<SortField<?>> order() {
        return switch (search.sort()) {
            case NEWEST -> List.of(PRODUCTS.CREATED_AT.desc(), PRODUCTS.ID.desc());
            case PRICE_ASC -> List.of(PRODUCTS.PRICE.asc(), PRODUCTS.ID.asc());
            case PRICE_DESC -> List.of(PRODUCTS.PRICE.desc(), PRODUCTS.ID.desc());
            case RATING -> List.of(ratingKey().desc(), PRODUCTS.ID.asc());
        };
    }

    /** The condition "after the cursor's row" in this search's order, if the request has a cursor. */
    private Optional<Condition> decode(PageRequest request) {
        return Keyset.decode(request, CURSOR_PARTS).map(cursor -> {
            if (cursor.integer(0) != search.sort().ordinal()) {
                throw new InvalidInputException(
                        "cursor", "Page cursor was made for another sort order than " + search.sort());
            }
            return switch (search.sort()) {
                case NEWEST -> DSL.row(PRODUCTS.CREATED_AT, PRODUCTS.ID).lt(cursor.instant(1), cursor.uuid(2));
                case PRICE_ASC -> DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).gt(cursor.decimal(1), cursor.uuid(2));
                case PRICE_DESC -> DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).lt(cursor.decimal(1), cursor.uuid(2));
                // Descending rating but ascending id: mixed directions rule out a row comparison.
                case RATING ->
                    ratingKey()
                            .lt(cursor.decimal(1))
                            .or(ratingKey().eq(cursor.decimal(1)).and(PRODUCTS.ID.gt(cursor.uuid(2))));
            };
        });
    }

    private String cursorOf(ProductSummary row) {
        Object sortValue = switch (search.sort()) {
            case NEWEST -> row.createdAt();
            case PRICE_ASC, PRICE_DESC -> row.price().amount();
            case RATING -> row.averageRating().orElse(BigDecimal.ZERO);
        };
        return Keyset.encode(search.sort().ordinal(), sortValue, row.id());
    }

    private SelectField<ProductSummary> summary() {
        return DSL.row(
                        PRODUCTS.ID,
                        PRODUCTS.VENDOR_ID,
                        PRODUCTS.CATEGORY_ID,
                        PRODUCTS.NAME,
                        PRODUCTS.SLUG,
                        CatalogFields.price(),
                        PRODUCTS.UNIT,
                        PRODUCTS.STATUS,
                        PRODUCTS.IS_ORGANIC,
                        PRODUCTS.CREATED_AT,
                        ratings.average().convertFrom(Optional::ofNullable),
                        ratings.count(),
                        stock.available())
                .mapping(ProductSummary::new);
    }
}
