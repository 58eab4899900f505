package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Definition;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
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
    /** The listing its cursors belong to. */
    private static final String LISTING = "products";

    private static final int CURSOR_PARTS = 3;

    private static final Map<Shape, Statement<PageInput, ProductSummary>> PAGES = new ConcurrentHashMap<>();

    /** The filters, in the order their conditions are added. */
    private enum Filter {
        CATEGORY(search -> search.categoryId().isPresent()),
        VENDOR(search -> search.vendorId().isPresent()),
        STATUS(search -> search.status().isPresent()),
        MIN_PRICE(search -> search.minPrice().isPresent()),
        MAX_PRICE(search -> search.maxPrice().isPresent()),
        TEXT(search -> search.text().isPresent()),
        IN_STOCK(ProductSearch::inStockOnly);

        private final Predicate<ProductSearch> present;

        Filter(Predicate<ProductSearch> present) {
            this.present = present;
        }
    }

    private record Shape(Set<Filter> filters, ProductSort sort, boolean afterCursor) {}

    /** What one page's statement takes: the search, the position of the previous page's last row, the limit. */
    private record PageInput(ProductSearch search, Optional<After> after, int limit) {

        After position() {
            return after.orElseThrow();
        }
    }

    /** The sort key of the previous page's last row: its creation time or its price or rating, and its id. */
    private record After(Instant createdAt, BigDecimal sortValue, UUID id) {}

    private final ProductSearch search;

    ProductSearchQuery(ProductSearch search) {
        this.search = search;
    }

    /** Fetches one page: one round trip. The cursor is checked before the query runs. */
    Page<ProductSummary> fetch(DSLContext dsl, PageRequest request) {
        Set<Filter> filters = EnumSet.noneOf(Filter.class);
        for (Filter filter : Filter.values()) {
            if (filter.present.test(search)) {
                filters.add(filter);
            }
        }
        Optional<After> after = decode(request)
                .map(position -> search.sort() == ProductSort.NEWEST
                        ? new After(position.instant(1), null, position.uuid(2))
                        : new After(null, position.decimal(1), position.uuid(2)));
        Statement<PageInput, ProductSummary> page = PAGES.computeIfAbsent(
                new Shape(filters, search.sort(), after.isPresent()), ProductSearchQuery::statement);
        List<ProductSummary> rows = page.fetch(dsl, new PageInput(search, after, request.limit() + 1));
        return Keyset.page(rows, request, this::cursorOf);
    }

    private static Statement<PageInput, ProductSummary> statement(Shape shape) {
        return Statement.of(Reading.DRIVER, (Inputs<PageInput> input) -> define(shape, input));
    }

    private static Definition<ProductSummary> define(Shape shape, Inputs<PageInput> input) {
        ReviewStatistics ratings = ReviewStatistics.averageAndCount();
        StockLevels stock = StockLevels.perProduct();
        Field<BigDecimal> ratingKey = ratingKey(ratings);
        List<Condition> conditions = new ArrayList<>();
        for (Filter filter : shape.filters()) {
            conditions.add(condition(filter, input, stock));
        }
        if (shape.afterCursor()) {
            conditions.add(afterCursor(shape.sort(), ratingKey, input));
        }
        var query = DSL.select(
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
                .limit(input.value(PageInput::limit, SQLDataType.INTEGER));
        return new Definition<>(
                query,
                (ResultRow row) -> new ProductSummary(
                        row.get(PRODUCTS.ID),
                        row.get(PRODUCTS.VENDOR_ID),
                        row.get(PRODUCTS.CATEGORY_ID),
                        row.get(PRODUCTS.NAME),
                        row.get(PRODUCTS.SLUG),
                        CatalogRows.price(row),
                        row.get(PRODUCTS.UNIT),
                        row.get(PRODUCTS.STATUS),
                        row.get(PRODUCTS.IS_ORGANIC),
                        row.get(PRODUCTS.CREATED_AT),
                        Optional.ofNullable(row.get(ratings.average())),
                        row.get(ratings.count()),
                        row.get(stock.available())));
    }

    private static Condition condition(Filter filter, Inputs<PageInput> input, StockLevels stock) {
        return switch (filter) {
            case CATEGORY ->
                PRODUCTS.CATEGORY_ID.in(CategoryQueries.subtreeIds(
                        input.value(page -> page.search().categoryId().orElseThrow(), PRODUCTS.CATEGORY_ID)));
            case VENDOR ->
                PRODUCTS.VENDOR_ID.eq(
                        input.value(page -> page.search().vendorId().orElseThrow(), PRODUCTS.VENDOR_ID));
            case STATUS ->
                PRODUCTS.STATUS.eq(input.value(page -> page.search().status().orElseThrow(), PRODUCTS.STATUS));
            case MIN_PRICE ->
                PRODUCTS.PRICE.ge(input.value(page -> page.search().minPrice().orElseThrow(), PRODUCTS.PRICE));
            case MAX_PRICE ->
                PRODUCTS.PRICE.le(input.value(page -> page.search().maxPrice().orElseThrow(), PRODUCTS.PRICE));
            case TEXT -> matchesText(input.value(page -> page.search().text().orElseThrow(), SQLDataType.VARCHAR));
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

    /** "After the cursor's row" in the sort's order. */
    private static Condition afterCursor(ProductSort sort, Field<BigDecimal> ratingKey, Inputs<PageInput> input) {
        Field<UUID> id = input.value(page -> page.position().id(), PRODUCTS.ID);
        return switch (sort) {
            case NEWEST ->
                DSL.row(PRODUCTS.CREATED_AT, PRODUCTS.ID)
                        .lt(input.value(page -> page.position().createdAt(), PRODUCTS.CREATED_AT), id);
            case PRICE_ASC -> DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).gt(sortValue(input, PRODUCTS.PRICE), id);
            case PRICE_DESC -> DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).lt(sortValue(input, PRODUCTS.PRICE), id);
            // Descending rating but ascending id: mixed directions rule out a row comparison.
            case RATING -> {
                Field<BigDecimal> rating = sortValue(input, ratingKey);
                yield ratingKey.lt(rating).or(ratingKey.eq(rating).and(PRODUCTS.ID.gt(id)));
            }
        };
    }

    private static Field<BigDecimal> sortValue(Inputs<PageInput> input, Field<BigDecimal> key) {
        return input.value(page -> page.position().sortValue(), key.getDataType());
    }

    /** The request's cursor, refused if it was made for another sort order. */
    private Optional<Keyset.Cursor> decode(PageRequest request) {
        Optional<Keyset.Cursor> cursor = Keyset.decode(request, LISTING, CURSOR_PARTS);
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
        return Keyset.encode(LISTING, search.sort().ordinal(), sortValue, row.id());
    }
}
