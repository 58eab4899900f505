package org.farmersmarket.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.catalog.ProductSearch;
import org.farmersmarket.db.catalog.ProductSort;
import org.farmersmarket.db.inventory.HistoryQuery;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.OrderFilter;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.orders.SalesQuery;

/**
 * The scale report: every read shape of the public API, and the writes, timed on the benchmark's data at two scale
 * factors (one database each, made by {@code sql/generate.sql -v scale=N}), one client, the scales taking turns shape
 * by shape; writes {@code SCALE.md} with each shape's p50 and p99 at both scales, their ratio and the targets: at the
 * larger scale a read's p50 within 2x of the smaller scale's and at most 5 ms, a write's within 1.5x.
 *
 * <p>Arguments: {@code key=value} pairs: host, port, user, scales (comma-separated, e.g. {@code 1,100}), databases
 * (one per scale, same order), seconds (per shape and scale, default 2), out (SCALE.md).
 */
public final class Scale {

    private static final double READ_P50_LIMIT_MS = 5.0;
    private static final double READ_RATIO_LIMIT = 2.0;
    private static final double WRITE_RATIO_LIMIT = 1.5;
    private static final int PAGE = 20;

    private Scale() {}

    /** One shape: a public call, made from the data's sizes at a scale (ids come from labels, so any scale has them). */
    private record Shape(String name, boolean write, Function<Sizes, Call> call) {}

    @FunctionalInterface
    private interface Call {
        Object run(FarmersMarketDb db);
    }

    /** What generate.sql makes at a scale factor. */
    private record Sizes(int scale, int customers, int vendors, int products) {
        static Sizes of(int scale) {
            return new Sizes(scale, 1000 * scale, 50 * scale, 5000 * scale);
        }
    }

    /** One shape's timings at one scale. */
    private record Timing(double p50, double p99, long calls) {}

    public static void main(String[] arguments) throws Exception {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        for (String argument : arguments) {
            String[] parts = argument.split("=", 2);
            options.put(parts[0], parts[1]);
        }
        List<Integer> scales = java.util.Arrays.stream(options.getOrDefault("scales", "1,100").split(","))
                .map(Integer::parseInt)
                .toList();
        List<String> databases = List.of(options.getOrDefault("databases", "fm_scale_1,fm_scale_100").split(","));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "2"));
        String base = "jdbc:postgresql://" + options.getOrDefault("host", "127.0.0.1") + ":"
                + options.getOrDefault("port", "5432") + "/";
        String user = options.getOrDefault("user", "postgres");

        List<HikariDataSource> pools = new ArrayList<>();
        List<FarmersMarketDb> markets = new ArrayList<>();
        for (String database : databases) {
            HikariDataSource pool = new HikariDataSource(Bench.poolConfig(base + database, user, database));
            pools.add(pool);
            markets.add(FarmersMarketDb.using(pool));
        }
        List<Shape> shapes = shapes();
        List<List<Timing>> timings = new ArrayList<>();
        for (Shape shape : shapes) {
            List<Timing> perScale = new ArrayList<>();
            for (int i = 0; i < scales.size(); i++) {
                Timing timing = time(shape.call().apply(Sizes.of(scales.get(i))), markets.get(i), seconds);
                perScale.add(timing);
                System.out.printf(
                        Locale.ROOT,
                        "%-60s %4dx p50 %8.3f ms p99 %8.3f ms (%d calls)%n",
                        shape.name(),
                        scales.get(i),
                        timing.p50(),
                        timing.p99(),
                        timing.calls());
            }
            timings.add(perScale);
        }
        List<String> reconcile = new ArrayList<>();
        for (int i = 0; i < scales.size(); i++) {
            long started = System.nanoTime();
            int mismatches = markets.get(i).inventory().reconcile().size();
            double took = (System.nanoTime() - started) / 1e9;
            reconcile.add(String.format(
                    Locale.ROOT, "| %dx | %.2f | %d |", scales.get(i), took, mismatches));
            System.out.printf(Locale.ROOT, "reconcile() %dx: %.2f s, %d mismatches%n", scales.get(i), took, mismatches);
        }
        Files.writeString(
                Path.of(options.getOrDefault("out", "SCALE.md")), report(scales, databases, shapes, timings, reconcile));
        markets.forEach(FarmersMarketDb::close);
        pools.forEach(HikariDataSource::close);
    }

    /** Calls {@code call} for {@code seconds} after a warm-up of a tenth of that (at least 3 calls each). */
    private static Timing time(Call call, FarmersMarketDb db, double seconds) {
        Histogram latencies = new Histogram(60_000_000_000L, 3);
        long warmupEnd = System.nanoTime() + (long) (seconds * 1e8);
        for (int i = 0; i < 3 || System.nanoTime() < warmupEnd; i++) {
            call.run(db);
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (latencies.getTotalCount() < 3 || System.nanoTime() < end) {
            long start = System.nanoTime();
            call.run(db);
            latencies.recordValue(System.nanoTime() - start);
        }
        return new Timing(
                latencies.getValueAtPercentile(50) / 1e6,
                latencies.getValueAtPercentile(99) / 1e6,
                latencies.getTotalCount());
    }

    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        UUID small = Ids.of("small");
        UUID root = Ids.rootCategory(1);
        for (ProductSort sort : ProductSort.values()) {
            shapes.add(search("a category of 10 products, " + sort, sizes -> ProductSearch.all()
                    .withCategory(small)
                    .sortedBy(sort)));
            shapes.add(search("a root category, " + sort, sizes -> ProductSearch.all()
                    .withCategory(root)
                    .sortedBy(sort)));
            shapes.add(search("the whole catalogue, " + sort, sizes -> ProductSearch.all().sortedBy(sort)));
            shapes.add(search("one vendor's products, " + sort, sizes -> ProductSearch.all()
                    .withVendor(vendor(sizes))
                    .sortedBy(sort)));
            shapes.add(search("a rare word (about 10 products), " + sort, sizes -> ProductSearch.all()
                    .withText("quince")
                    .sortedBy(sort)));
            shapes.add(search("a common word, " + sort, sizes -> ProductSearch.all()
                    .withText("fresh")
                    .sortedBy(sort)));
        }
        shapes.add(search("active products, NEWEST", sizes -> ProductSearch.all().withStatus(ProductStatus.ACTIVE)));
        shapes.add(search("in stock only, NEWEST", sizes -> ProductSearch.all().withInStockOnly()));
        shapes.add(search("price 10.00-10.50, NEWEST", sizes -> ProductSearch.all()
                .withPriceBetween(new BigDecimal("10.00"), new BigDecimal("10.50"))));
        shapes.add(search("price 5-45, PRICE_ASC", sizes -> ProductSearch.all()
                .withPriceBetween(new BigDecimal("5"), new BigDecimal("45"))
                .sortedBy(ProductSort.PRICE_ASC)));
        shapes.add(search("a root category, active, in stock, 5-45, PRICE_ASC", sizes -> ProductSearch.all()
                .withCategory(root)
                .withStatus(ProductStatus.ACTIVE)
                .withInStockOnly()
                .withPriceBetween(new BigDecimal("5"), new BigDecimal("45"))
                .sortedBy(ProductSort.PRICE_ASC)));
        shapes.add(search("a vendor in a root category, RATING", sizes -> ProductSearch.all()
                .withVendor(vendor(sizes))
                .withCategory(root)
                .sortedBy(ProductSort.RATING)));
        shapes.add(page50("the whole catalogue, page 50, NEWEST", ProductSearch.all()));
        shapes.add(page50(
                "a root category, page 50, PRICE_ASC",
                ProductSearch.all().withCategory(root).sortedBy(ProductSort.PRICE_ASC)));
        shapes.add(page50(
                "a root category, page 50, RATING",
                ProductSearch.all().withCategory(root).sortedBy(ProductSort.RATING)));

        shapes.add(read("product by id", sizes -> db -> db.products().findById(product(sizes))));
        shapes.add(read("product page (detail, 5 reviews)", sizes -> db -> db.products().findDetail(product(sizes), 5)));
        shapes.add(read("a product's reviews", sizes -> db -> db.reviews().listForProduct(product(sizes), first())));
        shapes.add(read("category tree", sizes -> db -> db.categories().tree()));
        shapes.add(read("order by id", sizes -> db -> db.orders().findById(Ids.order(7))));
        shapes.add(read("a customer's orders", sizes -> db -> db.orders()
                .listForCustomer(Ids.customer(42), OrderFilter.all(), first())));
        shapes.add(read("a vendor's orders", sizes -> db -> db.orders().listForVendor(vendor(sizes), first())));
        shapes.add(read("a vendor's sales, 30 days", sizes -> db -> db.orders()
                .salesSummary(new SalesQuery(
                        vendor(sizes), LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 30), ZoneOffset.UTC))));
        shapes.add(read("a vendor's low stock", sizes -> db -> db.inventory().listLowStock(vendor(sizes), first())));
        shapes.add(read("history: a product", sizes -> db -> db.inventory()
                .listHistory(HistoryQuery.all().forProduct(product(sizes)), first())));
        shapes.add(read("history: a lot", sizes -> db -> db.inventory()
                .listHistory(HistoryQuery.all().forItem(Ids.lot(sizes.products() / 2, 1)), first())));
        shapes.add(read("history: one reason", sizes -> db -> db.inventory()
                .listHistory(HistoryQuery.all().withReasons(InventoryChangeReason.SPOILAGE), first())));
        shapes.add(read("history: a day", sizes -> db -> db.inventory()
                .listHistory(
                        HistoryQuery.all()
                                .between(Instant.parse("2025-03-02T00:00:00Z"), Instant.parse("2025-03-03T00:00:00Z")),
                        first())));
        shapes.add(read("history: changed by a vendor user", sizes -> db -> db.inventory()
                .listHistory(HistoryQuery.all().changedByUser(Ids.of("vu7")), first())));
        shapes.add(read("history: an order", sizes -> db -> db.inventory()
                .listHistory(HistoryQuery.all().forOrder(Ids.order(7)), first())));
        shapes.add(read("users, page 1", sizes -> db -> db.users().list(first())));
        shapes.add(read("a user by e-mail", sizes -> db -> db.users().findByEmail("customer42@bench.example")));
        shapes.add(read("signed-in request", sizes -> db -> db.accounts().findSessionAndUser(Ids.sessionToken(42))));
        shapes.add(read("vendors, page 1", sizes -> db -> db.vendors().list(first())));
        shapes.add(read("verified vendors, page 1", sizes -> db -> db.vendors().listVerified(first())));
        shapes.add(read("a customer's conversations", sizes -> db -> db.chats().listConversations(Ids.customer(42), first())));
        shapes.add(read("a vendor's conversations", sizes -> db -> db.chats().listConversations(Ids.of("vu7"), first())));
        shapes.add(read("a conversation's messages", sizes -> db -> db.chats().listMessages(Ids.of("chat42"), first())));
        shapes.add(read("a user's unread messages", sizes -> db -> db.chats().unreadCount(Ids.customer(42))));
        shapes.add(read("a user's notifications", sizes -> db -> db.notifications().list(Ids.customer(42), first())));
        shapes.add(read("a user's unread notifications", sizes -> db -> db.notifications()
                .listUnread(Ids.customer(42), first())));

        AtomicInteger orders = new AtomicInteger();
        shapes.add(new Shape("write: place an order of 3 lines", true, sizes -> db -> {
            int n = orders.incrementAndGet();
            return db.orders()
                    .placeOrder(PlaceOrder.pickup(
                            Ids.customer(n % sizes.customers() + 1),
                            List.of(
                                    new OrderLine(Ids.product((10 * n + 1) % sizes.products()), 1),
                                    new OrderLine(Ids.product((10 * n + 3) % sizes.products()), 1),
                                    new OrderLine(Ids.product((10 * n + 7) % sizes.products()), 1))));
        }));
        shapes.add(new Shape("write: restock one lot", true, sizes -> db -> db.inventory()
                .restock(new Restock(Ids.lot(sizes.products() / 3, 1), 1), Actor.SYSTEM)));
        shapes.add(new Shape("write: restock 100 lots", true, sizes -> db -> db.inventory()
                .restockAll(
                        java.util.stream.IntStream.rangeClosed(1, 100)
                                .mapToObj(i -> new Restock(Ids.lot(i * (sizes.products() / 100), 2), 1))
                                .toList(),
                        Actor.SYSTEM)));
        return shapes;
    }

    private static Shape search(String name, Function<Sizes, ProductSearch> search) {
        return read("search: " + name, sizes -> {
            ProductSearch made = search.apply(sizes);
            return db -> db.products().search(made, first());
        });
    }

    /** The 50th page of a search: its cursor found once, by walking 49 pages, then that page timed. */
    private static Shape page50(String name, ProductSearch search) {
        return read("search: " + name, sizes -> new Call() {
            private PageRequest page50;

            @Override
            public Object run(FarmersMarketDb db) {
                if (page50 == null) {
                    PageRequest request = first();
                    for (int page = 1; page < 50; page++) {
                        Page<?> fetched = db.products().search(search, request);
                        request = PageRequest.after(fetched.nextCursor().orElseThrow(), PAGE);
                    }
                    page50 = request;
                }
                return db.products().search(search, page50);
            }
        });
    }

    private static Shape read(String name, Function<Sizes, Call> call) {
        return new Shape(name, false, call);
    }

    private static PageRequest first() {
        return PageRequest.first(PAGE);
    }

    /** A vendor in the middle of the range: vendor i sells products i - 1, i - 1 + vendors, ... */
    private static UUID vendor(Sizes sizes) {
        return Ids.of("v" + (sizes.vendors() / 2 + 7));
    }

    private static UUID product(Sizes sizes) {
        return Ids.product(sizes.products() / 2 + 17);
    }

    private static String report(
            List<Integer> scales,
            List<String> databases,
            List<Shape> shapes,
            List<List<Timing>> timings,
            List<String> reconcile) {
        int small = 0;
        int large = scales.size() - 1;
        StringBuilder out = new StringBuilder("# Scale report\n\n");
        out.append("Written by `bench/scale.sh` at ")
                .append(Instant.now())
                .append(". Each shape is one call of the public API, one client, timed for a few seconds on each ")
                .append("database in turn (")
                .append(String.join(", ", databases))
                .append("); the data is `bench/sql/generate.sql` at scale ")
                .append(scales.stream().map(String::valueOf).reduce((a, b) -> a + " and " + b).orElse(""))
                .append(". Latencies in milliseconds. Targets at ")
                .append(scales.get(large))
                .append("x: a read's p50 within 2x of its ")
                .append(scales.get(small))
                .append("x p50 and at most 5 ms; a write's p50 within 1.5x.\n\n");
        out.append("| shape |");
        scales.forEach(s -> out.append(' ').append(s).append("x p50 | ").append(s).append("x p99 |"));
        out.append(" ratio of p50s | target met |\n|---|");
        scales.forEach(s -> out.append("---:|---:|"));
        out.append("---:|---|\n");
        int met = 0;
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            List<Timing> row = timings.get(i);
            out.append("| ").append(shape.name()).append(" |");
            row.forEach(t -> out.append(String.format(Locale.ROOT, " %.3f | %.3f |", t.p50(), t.p99())));
            double ratio = row.get(large).p50() / row.get(small).p50();
            boolean ok = shape.write()
                    ? ratio <= WRITE_RATIO_LIMIT
                    : ratio <= READ_RATIO_LIMIT && row.get(large).p50() <= READ_P50_LIMIT_MS;
            met += ok ? 1 : 0;
            out.append(String.format(Locale.ROOT, " %.2f | %s |%n", ratio, ok ? "yes" : "**no**"));
        }
        out.append("\n").append(met).append(" of ").append(shapes.size()).append(" shapes meet their target.\n\n");
        out.append("## reconcile()\n\nThe whole ledger checked once per scale.\n\n| scale | seconds | mismatches |\n")
                .append("|---|---:|---:|\n");
        reconcile.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
