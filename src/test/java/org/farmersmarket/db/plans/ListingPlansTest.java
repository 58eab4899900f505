package org.farmersmarket.db.plans;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.catalog.ProductSearch;
import org.farmersmarket.db.catalog.ProductSort;
import org.farmersmarket.db.inventory.HistoryQuery;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.OrderFilter;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.farmersmarket.db.testing.TestTags;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGStatement;

/**
 * Every listing shape, run through the public API on a catalogue of 60,000 products (see {@code catalogue.sql}), and
 * its statement run again under {@code EXPLAIN ANALYZE}: the rows its plan reads from tables (returned or filtered
 * out, over every loop) stay under {@link #ROWS_READ_BOUND}, a small fraction of any table's size. A plan that walks
 * a whole index or table, or filters one row by row until a page fills, reads tens of thousands here and fails; at
 * production size it would read millions.
 *
 * <p>The statement is the one the library sent, caught by an execute listener. It is explained twice: rendered with
 * its values inlined, so the planner sees the values as it does when it plans a call (pgjdbc's first executions, and
 * PostgreSQL's custom plans after that); and prepared with parameters under {@code plan_cache_mode =
 * force_generic_plan}, the plan PostgreSQL may keep for a prepared statement after its fifth execution, which knows
 * no value.
 */
@MigratedDatabase
@Tag(TestTags.PLANS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingPlansTest {

    /**
     * At most this many table rows read for a page of {@link #PAGE} rows: the widest bounded plan, a root category's
     * 17 categories with {@code PAGE + 1} products each and their stock, stays well below it.
     */
    private static final int ROWS_READ_BOUND = 2_000;

    private static final int PAGE = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabase db;
    private FarmersMarketDb market;
    private final List<Query> sent = new CopyOnWriteArrayList<>();
    /** For each statement sent, whether pgjdbc plans each of its executions (never a generic plan). */
    private final List<Boolean> plannedPerCall = new CopyOnWriteArrayList<>();

    @BeforeAll
    void generateCatalogue(TestDatabase database) throws Exception {
        db = database;
        String script;
        try (var in = Objects.requireNonNull(ListingPlansTest.class.getResourceAsStream("catalogue.sql"))) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = db.adminDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
        market = FarmersMarketDb.using(db.dsl()
                .configuration()
                .derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext context) {
                        sent.add(context.query());
                        plannedPerCall.add(plannedPerCall(context));
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> productSearches() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            for (NamedSearch search : searches()) {
                ProductSearch sorted = search.search().sortedBy(sort);
                tests.add(DynamicTest.dynamicTest(search.name() + ", " + sort + ", pages 1 and 2", () -> {
                    Page<?> first = boundedRead(() -> market.products().search(sorted, PageRequest.first(PAGE)));
                    if (first.nextCursor().isPresent()) {
                        boundedRead(() -> market.products()
                                .search(
                                        sorted,
                                        PageRequest.after(first.nextCursor().get(), PAGE)));
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> otherListings() {
        UUID vendor = id("v7");
        UUID vendorUser = id("vu7");
        UUID customer = id("u42");
        UUID product = id("p4217");
        Instant day = Instant.parse("2025-03-02T00:00:00Z");
        return Stream.of(
                        listing("a vendor's products", page -> market.products().listForVendor(vendor, page)),
                        listing("a product's reviews", page -> market.reviews().listForProduct(product, page)),
                        listing(
                                "a customer's orders",
                                page -> market.orders().listForCustomer(customer, OrderFilter.all(), page)),
                        listing("a vendor's orders", page -> market.orders().listForVendor(vendor, page)),
                        listing(
                                "a vendor's low stock",
                                page -> market.inventory().listLowStock(vendor, page)),
                        history("a product's history", HistoryQuery.all().forProduct(product)),
                        history("a lot's history", HistoryQuery.all().forItem(id("l4217"))),
                        history("one reason's history", HistoryQuery.all().withReasons(InventoryChangeReason.SPOILAGE)),
                        history("returns' history", HistoryQuery.all().withReasons(InventoryChangeReason.RETURN)),
                        history(
                                "two reasons' history",
                                HistoryQuery.all()
                                        .withReasons(InventoryChangeReason.RETURN, InventoryChangeReason.SALE)),
                        history("an order's history", HistoryQuery.all().forOrder(id("o7"))),
                        history("the history a user made", HistoryQuery.all().changedByUser(vendorUser)),
                        history("a day's history", HistoryQuery.all().between(day, day.plusSeconds(86_400))),
                        history("all history", HistoryQuery.all()),
                        listing("users", page -> market.users().list(page)),
                        listing("vendors", page -> market.vendors().list(page)),
                        listing("verified vendors", page -> market.vendors().listVerified(page)),
                        listing(
                                "a customer's conversations",
                                page -> market.chats().listConversations(customer, page)),
                        listing(
                                "a vendor's conversations",
                                page -> market.chats().listConversations(vendorUser, page)),
                        listing(
                                "a conversation's messages",
                                page -> market.chats().listMessages(id("chat42"), page)),
                        listing(
                                "a user's notifications",
                                page -> market.notifications().list(customer, page)),
                        listing(
                                "a user's unread notifications",
                                page -> market.notifications().listUnread(customer, page)))
                .map(named -> DynamicTest.dynamicTest(named.name(), () -> walkTwoPages(named.list())));
    }

    private record NamedListing(String name, Function<PageRequest, Page<?>> list) {}

    private static NamedListing listing(String name, Function<PageRequest, Page<?>> list) {
        return new NamedListing(name, list);
    }

    private NamedListing history(String name, HistoryQuery query) {
        return listing(name, page -> market.inventory().listHistory(query, page));
    }

    /** The searches every sort is run with: each filter alone and the combinations a storefront makes. */
    private static List<NamedSearch> searches() {
        ProductSearch all = ProductSearch.all();
        UUID root = id("c1");
        UUID small = id("small");
        UUID vendor = id("v7");
        return List.of(
                new NamedSearch("the whole catalogue", all),
                new NamedSearch("active products", all.withStatus(ProductStatus.ACTIVE)),
                new NamedSearch("a root category", all.withCategory(root)),
                new NamedSearch("a category of 10 products", all.withCategory(small)),
                new NamedSearch(
                        "a root category, active, in stock, 5-45",
                        all.withCategory(root)
                                .withStatus(ProductStatus.ACTIVE)
                                .withInStockOnly()
                                .withPriceBetween(new BigDecimal("5"), new BigDecimal("45"))),
                new NamedSearch("a vendor", all.withVendor(vendor)),
                new NamedSearch(
                        "a vendor in a root category", all.withVendor(vendor).withCategory(root)),
                new NamedSearch("a rare word (10 products)", all.withText("quince")),
                new NamedSearch("a common word", all.withText("fresh produce")),
                new NamedSearch(
                        "a rare word in a root category", all.withText("quince").withCategory(root)),
                new NamedSearch("in stock", all.withInStockOnly()));
    }

    private record NamedSearch(String name, ProductSearch search) {}

    private void walkTwoPages(Function<PageRequest, Page<?>> list) throws Exception {
        Page<?> first = boundedRead(() -> list.apply(PageRequest.first(PAGE)));
        assertThat(first.items()).as("the listing has rows to page through").isNotEmpty();
        if (first.nextCursor().isPresent()) {
            boundedRead(() -> list.apply(PageRequest.after(first.nextCursor().get(), PAGE)));
        }
    }

    /**
     * Runs one public call, then its one statement again under EXPLAIN ANALYZE, planned for its values and as a
     * generic plan, and checks the rows each plan read.
     */
    private Page<?> boundedRead(Supplier<Page<?>> call) throws Exception {
        sent.clear();
        plannedPerCall.clear();
        Page<?> page = call.get();
        assertThat(sent).as("statements sent by one listing call").hasSize(1);
        Query query = sent.getFirst();
        var dsl = DSL.using(db.dsl().configuration());
        String sql = dsl.renderInlined(query);
        assertBounded("custom plan", sql, explain("", "EXPLAIN (ANALYZE, FORMAT JSON) " + sql));
        if (plannedPerCall.getFirst()) {
            return page; // Planned for its values on every call: the custom plan above is the only one it gets.
        }
        String prepared = numberedMarkers(dsl.render(query));
        List<Object> values = query.getBindValues();
        String types = values.stream().map(ListingPlansTest::typeSentFor).collect(Collectors.joining(", "));
        String literals = values.stream().map(ListingPlansTest::literal).collect(Collectors.joining(", "));
        assertBounded(
                "generic plan",
                prepared,
                explain(
                        "SET plan_cache_mode = force_generic_plan; PREPARE listing"
                                + (values.isEmpty() ? "" : "(" + types + ")") + " AS " + prepared,
                        "EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE listing"
                                + (values.isEmpty() ? "" : "(" + literals + ")")));
        return page;
    }

    private static boolean plannedPerCall(ExecuteContext context) {
        try {
            return context.statement().unwrap(PGStatement.class).getPrepareThreshold() == 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertBounded(String kind, String sql, JsonNode plan) {
        assertThat(rowsRead(plan))
                .as("table rows read by the %s of %s%nplan:%n%s", kind, sql, outline(plan, ""))
                .isLessThanOrEqualTo(ROWS_READ_BOUND);
    }

    /**
     * The plan of {@code explain}, run after {@code setup} on one connection that is then closed for good (not
     * returned to a pool), so neither a planner setting nor a prepared statement outlives it.
     */
    private JsonNode explain(String setup, String explain) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            if (!setup.isEmpty()) {
                statement.execute(setup);
            }
            try (ResultSet rows = statement.executeQuery(explain)) {
                rows.next();
                return JSON.readTree(rows.getString(1)).get(0).get("Plan");
            }
        }
    }

    /** The parameter type pgjdbc sends for a bind value; unknown (the server infers it) where the SQL casts it. */
    private static String typeSentFor(Object value) {
        return switch (value) {
            case UUID ignored -> "uuid";
            case Integer ignored -> "int4";
            case Long ignored -> "int8";
            case BigDecimal ignored -> "numeric";
            case java.time.OffsetDateTime ignored -> "timestamptz";
            case Instant ignored -> "timestamptz";
            case String ignored -> "varchar";
            case null, default -> "unknown";
        };
    }

    /** A bind value as a quoted literal of its text form, which PostgreSQL reads as the parameter's type. */
    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = value instanceof Object[] array
                ? java.util.Arrays.stream(array)
                        .map(element ->
                                '"' + textOf(element).replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                        .collect(Collectors.joining(",", "{", "}"))
                : textOf(value);
        return "'" + text.replace("'", "''") + "'";
    }

    private static String textOf(Object value) {
        return value instanceof org.jooq.EnumType type ? type.getLiteral() : String.valueOf(value);
    }

    /**
     * The statement with PostgreSQL's numbered parameters ({@code $1}, {@code $2}, ...) for jOOQ's {@code ?}
     * markers, as PREPARE takes them; a {@code ?} inside a quoted literal or identifier is left alone.
     */
    static String numberedMarkers(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        char quote = 0;
        int marker = 0;
        for (char c : sql.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                out.append('$').append(++marker);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The rows the plan read from tables: at every node that scans a relation, the rows it returned and those its
     * filters and rechecks removed, times its loops.
     */
    static long rowsRead(JsonNode node) {
        long read = 0;
        if (node.has("Relation Name")) {
            long perLoop = node.path("Actual Rows").asLong()
                    + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong();
            read += perLoop * Math.max(1, node.path("Actual Loops").asLong());
        }
        for (JsonNode child : node.path("Plans")) {
            read += rowsRead(child);
        }
        return read;
    }

    /** The plan as indented lines: each node's type, relation or index, rows, loops and rows filtered out. */
    private static String outline(JsonNode node, String indent) {
        StringBuilder out = new StringBuilder(indent)
                .append(node.path("Node Type").asText())
                .append(
                        node.has("Index Name")
                                ? " using " + node.path("Index Name").asText()
                                : "")
                .append(
                        node.has("Relation Name")
                                ? " on " + node.path("Relation Name").asText()
                                : "")
                .append(" rows=")
                .append(node.path("Actual Rows").asLong())
                .append(" loops=")
                .append(node.path("Actual Loops").asLong())
                .append(node.has("Rows Removed by Filter") ? " filtered=" + node.path("Rows Removed by Filter") : "")
                .append('\n');
        for (JsonNode child : node.path("Plans")) {
            out.append(outline(child, indent + "  "));
        }
        return out.toString();
    }

    /** The id the catalogue derives from a label, as {@code pg_temp.id} does. */
    private static UUID id(String label) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(label.getBytes(StandardCharsets.UTF_8));
            return UUID.fromString(java.util.HexFormat.of()
                    .formatHex(md5)
                    .replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
