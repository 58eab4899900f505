package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.internal.PrerenderedQuery.argument;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.PrerenderedQuery;
import org.farmersmarket.db.internal.ResultRow;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One page of a {@link ProductSearch}: its filters, its order and its keyset cursor.
 *
 * <p>The SQL depends only on the search's shape (which filters are present, the sort, whether a cursor continues an
 * earlier page), so each shape is rendered once, on first use, and a call only collects its argument values: at
 * most 2^7 filter sets x 4 sorts x 2.
 */
final class ProductSearchQuery {

    /** A cursor holds the sort's ordinal, the sort value and the id. */
    private static final int CURSOR_PARTS = 3;

    private static final Map<Shape, RenderedPage> PAGES = new ConcurrentHashMap<>();

    /** The filters, in the order their arguments are numbered. */
    private enum Filter {
        CATEGORY(ProductSearch::categoryId),
        VENDOR(ProductSearch::vendorId),
        STATUS(ProductSearch::status),
        MIN_PRICE(ProductSearch::minPrice),
        MAX_PRICE(ProductSearch::maxPrice),
        TEXT(ProductSearch::text),
        /** Takes no argument: present or not. */
        IN_STOCK(search -> search.inStockOnly() ? Optional.of(true) : Optional.empty());

        private final Function<ProductSearch, Optional<?>> value;

        Filter(Function<ProductSearch, Optional<?>> value) {
            this.value = value;
        }

        boolean takesArgument() {
            return this != IN_STOCK;
        }
    }

    private record Shape(Set<Filter> filters, ProductSort sort, boolean afterCursor) {}

    private record RenderedPage(PrerenderedQuery query, Function<ResultRow, ProductSummary> mapper) {}

    private final ProductSearch search;

    ProductSearchQuery(ProductSearch search) {
        this.search = search;
    }

    /** Fetches one page: one round trip. The cursor is checked before the query runs. */
    Page<ProductSummary> fetch(DSLContext dsl, PageRequest request) {
        Set<Filter> filters = EnumSet.noneOf(Filter.class);
        List<Object> arguments = new ArrayList<>();
        for (Filter filter : Filter.values()) {
            filter.value.apply(search).ifPresent(value -> {
                filters.add(filter);
                if (filter.takesArgument()) {
                    arguments.add(value);
                }
            });
        }
        Optional<Keyset.Cursor> cursor = decode(request);
        cursor.ifPresent(position -> {
            arguments.add(search.sort() == ProductSort.NEWEST ? position.instant(1) : (Object) position.decimal(1));
            arguments.add(position.uuid(2));
        });
        arguments.add(request.limit() + 1);
        RenderedPage page = PAGES.computeIfAbsent(
                new Shape(filters, search.sort(), cursor.isPresent()), ProductSearchQuery::render);
        List<ProductSummary> rows = page.query().fetch(dsl, page.mapper(), arguments.toArray());
        return Keyset.page(rows, request, this::cursorOf);
    }

    private static RenderedPage render(Shape shape) {
        ReviewStatistics ratings = ReviewStatistics.averageAndCount();
        StockLevels stock = StockLevels.perProduct();
        Field<BigDecimal> ratingKey = ratingKey(ratings);
        List<Condition> conditions = new ArrayList<>();
        int next = 0;
        for (Filter filter : shape.filters()) {
            conditions.add(condition(filter, next, stock));
            next += filter.takesArgument() ? 1 : 0;
        }
        if (shape.afterCursor()) {
            conditions.add(afterCursor(shape.sort(), ratingKey, next));
            next += 2;
        }
        PrerenderedQuery query = PrerenderedQuery.of(DSL.select(
                        PRODUCTS.ID,
                        PRODUCTS.VENDOR_ID,
                        PRODUCTS.CATEGORY_ID,
                        PRODUCTS.NAME,
                        PRODUCTS.SLUG,
                        PRODUCTS.PRICE,
                        PRODUCTS.CURRENCY,
                        PRODUCTS.UNIT,
                        PRODUCTS.STATUS,
                        PRODUCTS.IS_ORGANIC,
                        PRODUCTS.CREATED_AT,
                        ratings.average(),
                        ratings.count(),
                        stock.available())
                .from(PRODUCTS)
                .crossJoin(ratings.table())
                .crossJoin(stock.table())
                .where(conditions)
                .orderBy(order(shape.sort(), ratingKey))
                .limit(argument(next, SQLDataType.INTEGER)));
        Function<ResultRow, ProductSummary> mapper = row -> new ProductSummary(
                row.get(PRODUCTS.ID),
                row.get(PRODUCTS.VENDOR_ID),
                row.get(PRODUCTS.CATEGORY_ID),
                row.get(PRODUCTS.NAME),
                row.get(PRODUCTS.SLUG),
                new Money(row.get(PRODUCTS.PRICE), row.get(PRODUCTS.CURRENCY)),
                row.get(PRODUCTS.UNIT),
                row.get(PRODUCTS.STATUS),
                row.get(PRODUCTS.IS_ORGANIC),
                row.get(PRODUCTS.CREATED_AT),
                Optional.ofNullable(row.get(ratings.average())),
                row.get(ratings.count()),
                row.get(stock.available()));
        return new RenderedPage(query, mapper);
    }

    private static Condition condition(Filter filter, int argument, StockLevels stock) {
        return switch (filter) {
            case CATEGORY ->
                PRODUCTS.CATEGORY_ID.in(
                        CategoryQueries.subtreeIds(argument(argument, PRODUCTS.CATEGORY_ID.getDataType())));
            case VENDOR -> PRODUCTS.VENDOR_ID.eq(argument(argument, PRODUCTS.VENDOR_ID.getDataType()));
            case STATUS -> PRODUCTS.STATUS.eq(argument(argument, PRODUCTS.STATUS.getDataType()));
            case MIN_PRICE -> PRODUCTS.PRICE.ge(argument(argument, PRODUCTS.PRICE.getDataType()));
            case MAX_PRICE -> PRODUCTS.PRICE.le(argument(argument, PRODUCTS.PRICE.getDataType()));
            case TEXT -> matchesText(argument(argument, SQLDataType.VARCHAR));
            case IN_STOCK -> stock.available().gt(0);
        };
    }

    // jOOQ knows no tsvector type, so SEARCH_VECTOR is an untyped field; it is only ever compared here, never
    // read into Java.
    private static Condition matchesText(Field<String> text) {
        // jOOQ has no typed form of the @@ operator; the user's text travels only as a bind value.
        return DSL.condition("{0} @@ websearch_to_tsquery('english', {1})", PRODUCTS.SEARCH_VECTOR, text);
    }

    /**
     * The rating sort key. Real averages are at least 1, so 0 for "no reviews" puts those products last in
     * descending order, and a key that is never NULL keeps the keyset comparison free of NULL cases.
     */
    private static Field<BigDecimal> ratingKey(ReviewStatistics ratings) {
        return DSL.coalesce(ratings.average(), BigDecimal.ZERO);
    }

    private static List<SortField<?>> order(ProductSort sort, Field<BigDecimal> ratingKey) {
        return switch (sort) {
            case NEWEST -> List.of(PRODUCTS.CREATED_AT.desc(), PRODUCTS.ID.desc());
            case PRICE_ASC -> List.of(PRODUCTS.PRICE.asc(), PRODUCTS.ID.asc());
            case PRICE_DESC -> List.of(PRODUCTS.PRICE.desc(), PRODUCTS.ID.desc());
            case RATING -> List.of(ratingKey.desc(), PRODUCTS.ID.asc());
        };
    }

    /** "After the cursor's row" in the sort's order: the sort value is argument {@code first}, the id the next. */
    private static Condition afterCursor(ProductSort sort, Field<BigDecimal> ratingKey, int first) {
        var id = argument(first + 1, PRODUCTS.ID.getDataType());
        return switch (sort) {
            case NEWEST ->
                DSL.row(PRODUCTS.CREATED_AT, PRODUCTS.ID).lt(argument(first, PRODUCTS.CREATED_AT.getDataType()), id);
            case PRICE_ASC ->
                DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).gt(argument(first, PRODUCTS.PRICE.getDataType()), id);
            case PRICE_DESC ->
                DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).lt(argument(first, PRODUCTS.PRICE.getDataType()), id);
            // Descending rating but ascending id: mixed directions rule out a row comparison.
            case RATING -> {
                var rating = argument(first, SQLDataType.NUMERIC);
                yield ratingKey.lt(rating).or(ratingKey.eq(rating).and(PRODUCTS.ID.gt(id)));
            }
        };
    }

    /** The request's cursor, refused if it was made for another sort order. */
    private Optional<Keyset.Cursor> decode(PageRequest request) {
        Optional<Keyset.Cursor> cursor = Keyset.decode(request, CURSOR_PARTS);
        cursor.ifPresent(position -> {
            if (position.integer(0) != search.sort().ordinal()) {
                throw new InvalidInputException(
                        "cursor", "Page cursor was made for another sort order than " + search.sort());
            }
        });
        return cursor;
    }

    private String cursorOf(ProductSummary row) {
        Object sortValue = switch (search.sort()) {
            case NEWEST -> row.createdAt();
            case PRICE_ASC, PRICE_DESC -> row.price().amount();
            case RATING -> row.averageRating().orElse(BigDecimal.ZERO);
        };
        return Keyset.encode(search.sort().ordinal(), sortValue, row.id());
    }
}
