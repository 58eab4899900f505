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
import org.farmersmarket.db.internal.Statement.Planning;
import org.farmersmarket.db.internal.Statement.Reading;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.Table;
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

    /** The listing its cursors belong to. */
    private static final String LISTING = "products";

    /** A cursor holds the sort's ordinal, the sort value and the id. */
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

    /**
     * The statement of a shape. A text search or an in-stock filter is planned per call: a generic plan cannot know
     * how common a word is, nor how much of a category is in stock, and one that guesses reads every match or every
     * product of the category (the generic plans of the plan tests read 120,020 and 18,377 rows there).
     */
    private static Statement<PageInput, ProductSummary> statement(Shape shape) {
        Planning planning =
                shape.filters().contains(Filter.TEXT) || shape.filters().contains(Filter.IN_STOCK)
                        ? Planning.PER_CALL
                        : Planning.SHARED;
        return Statement.of(Reading.DRIVER, planning, (Inputs<PageInput> input) -> define(shape, input));
    }

    private static Definition<ProductSummary> define(Shape shape, Inputs<PageInput> input) {
        StockLevels stock = StockLevels.perProduct();
        // The totals V19 keeps on each product; a product without reviews has no average.
        Field<BigDecimal> average =
                DSL.when(PRODUCTS.REVIEW_COUNT.gt(0), PRODUCTS.RATING_AVERAGE).as("average_rating");
        List<Field<?>> productColumns = List.of(
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
                PRODUCTS.RATING_AVERAGE,
                average,
                PRODUCTS.REVIEW_COUNT);
        List<Field<?>> columns = new ArrayList<>(productColumns);
        columns.add(stock.available());
        List<Condition> conditions = new ArrayList<>();
        for (Filter filter : shape.filters()) {
            if (filter != Filter.CATEGORY || !mergesPerCategory(shape)) {
                conditions.add(condition(filter, input, stock));
            }
        }
        if (shape.afterCursor()) {
            conditions.add(afterCursor(shape.sort(), input));
        }
        var query = mergesPerCategory(shape)
                ? perCategoryMerge(shape, input, productColumns, stock, conditions)
                : DSL.select(columns)
                        .from(PRODUCTS)
                        .crossJoin(stock.table())
                        .where(conditions)
                        .orderBy(order(shape.sort(), Columns.TABLE))
                        .limit(limit(input));
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
                        Optional.ofNullable(row.get(average)),
                        row.get(PRODUCTS.REVIEW_COUNT),
                        row.get(stock.available())));
    }

    /**
     * Whether a search in a category's subtree reads each category of the subtree along its own index and merges the
     * first rows of each ({@link #perCategoryMerge}). A text or vendor filter narrows the catalogue better than the
     * category does (a text match through the text index, a vendor's products along the vendor's index): with
     * either, the subtree is a plain filter and the planner starts from the narrower one.
     */
    private static boolean mergesPerCategory(Shape shape) {
        return shape.filters().contains(Filter.CATEGORY)
                && !shape.filters().contains(Filter.TEXT)
                && !shape.filters().contains(Filter.VENDOR);
    }

    /**
     * A page of a category's subtree: for each category of the subtree, its first {@code limit} matching products in
     * the sort's order, read along the category's index ({@code products_category_id_*_idx}, V20); then the first
     * {@code limit} of those. It reads at most {@code limit} rows per category of the subtree however many products
     * the catalogue holds, and needs no estimate of the subtree's size, which the planner cannot make for a
     * recursive query (it would walk the whole catalogue's price or date index, filtering row by row, when the
     * subtree is small). Unless only products in stock are wanted, the stock is summed for the page's rows alone,
     * after the merge, not for every category's first rows.
     */
    private static ResultQuery<Record> perCategoryMerge(
            Shape shape,
            Inputs<PageInput> input,
            List<Field<?>> productColumns,
            StockLevels stock,
            List<Condition> conditions) {
        boolean stockFilters = shape.filters().contains(Filter.IN_STOCK);
        CommonTableExpression<Record1<UUID>> subtree = CategoryQueries.subtree(
                input.value(page -> page.search().categoryId().orElseThrow(), PRODUCTS.CATEGORY_ID));
        List<Field<?>> rankedColumns = new ArrayList<>(productColumns);
        if (stockFilters) {
            rankedColumns.add(stock.available());
        }
        Table<?> source = stockFilters ? PRODUCTS.crossJoin(stock.table()) : PRODUCTS;
        Table<Record> ranked = DSL.lateral(DSL.select(rankedColumns)
                        .from(source)
                        .where(PRODUCTS.CATEGORY_ID.eq(CategoryQueries.subtreeId(subtree)))
                        .and(DSL.and(conditions))
                        .orderBy(order(shape.sort(), Columns.TABLE))
                        .limit(limit(input)))
                .asTable("ranked");
        var merged = DSL.withRecursive(subtree)
                .select(ranked.fields())
                .from(subtree)
                .crossJoin(ranked)
                .orderBy(order(shape.sort(), ranked::field))
                .limit(limit(input));
        if (stockFilters) {
            return merged.coerce(rankedColumns);
        }
        Table<Record> page = merged.asTable("page");
        StockLevels pageStock = StockLevels.of(page.field(PRODUCTS.ID));
        List<Field<?>> columns = new ArrayList<>(List.of(page.fields()));
        columns.add(pageStock.available());
        List<Field<?>> resultColumns = new ArrayList<>(productColumns);
        resultColumns.add(stock.available());
        return DSL.select(columns)
                .from(page)
                .crossJoin(pageStock.table())
                .orderBy(order(shape.sort(), page::field))
                .coerce(resultColumns);
    }

    private static Field<Integer> limit(Inputs<PageInput> input) {
        return input.value(PageInput::limit, SQLDataType.INTEGER);
    }

    /** Where a sort reads its keys: the products table, or a derived table of its rows. */
    @FunctionalInterface
    private interface Columns {
        Columns TABLE = new Columns() {
            @Override
            public <T> Field<T> of(Field<T> column) {
                return column;
            }
        };

        <T> Field<T> of(Field<T> column);
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
     * The order of a sort, with the id breaking ties. Best rated first is by the negated average (0 without reviews,
     * so those come last) and then ascending id: both ascending, as the indexes V20 builds are, so the page after a
     * cursor is one index range.
     */
    private static List<SortField<?>> order(ProductSort sort, Columns columns) {
        Field<UUID> id = columns.of(PRODUCTS.ID);
        return switch (sort) {
            case NEWEST -> List.of(columns.of(PRODUCTS.CREATED_AT).desc(), id.desc());
            case PRICE_ASC -> List.of(columns.of(PRODUCTS.PRICE).asc(), id.asc());
            case PRICE_DESC -> List.of(columns.of(PRODUCTS.PRICE).desc(), id.desc());
            case RATING -> List.of(columns.of(PRODUCTS.RATING_AVERAGE).neg().asc(), id.asc());
        };
    }

    /** "After the cursor's row" in the sort's order: a row comparison along the sort's index. */
    private static Condition afterCursor(ProductSort sort, Inputs<PageInput> input) {
        Field<UUID> id = input.value(page -> page.position().id(), PRODUCTS.ID);
        return switch (sort) {
            case NEWEST ->
                DSL.row(PRODUCTS.CREATED_AT, PRODUCTS.ID)
                        .lt(input.value(page -> page.position().createdAt(), PRODUCTS.CREATED_AT), id);
            case PRICE_ASC -> DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).gt(sortValue(input, PRODUCTS.PRICE), id);
            case PRICE_DESC -> DSL.row(PRODUCTS.PRICE, PRODUCTS.ID).lt(sortValue(input, PRODUCTS.PRICE), id);
            case RATING ->
                DSL.row(PRODUCTS.RATING_AVERAGE.neg(), PRODUCTS.ID)
                        .gt(sortValue(input, PRODUCTS.RATING_AVERAGE).neg(), id);
        };
    }

    private static Field<BigDecimal> sortValue(Inputs<PageInput> input, Field<BigDecimal> key) {
        return input.value(page -> page.position().sortValue(), key);
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
