package org.farmersmarket.db.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.hostile.Hostile.amount;
import static org.farmersmarket.db.hostile.Hostile.currency;
import static org.farmersmarket.db.hostile.Hostile.cursor;
import static org.farmersmarket.db.hostile.Hostile.date;
import static org.farmersmarket.db.hostile.Hostile.id;
import static org.farmersmarket.db.hostile.Hostile.instant;
import static org.farmersmarket.db.hostile.Hostile.pageLimit;
import static org.farmersmarket.db.hostile.Hostile.positiveQuantity;
import static org.farmersmarket.db.hostile.Hostile.text;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.FarmersMarketDbException;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.InvalidStateTransitionException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.ProductUnavailableException;
import org.farmersmarket.db.TransientDatabaseException;
import org.farmersmarket.db.catalog.NewCategory;
import org.farmersmarket.db.catalog.NewProduct;
import org.farmersmarket.db.catalog.NewReview;
import org.farmersmarket.db.catalog.Product;
import org.farmersmarket.db.catalog.ProductChanges;
import org.farmersmarket.db.catalog.ProductRepository;
import org.farmersmarket.db.catalog.ProductSearch;
import org.farmersmarket.db.catalog.Review;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.inventory.Adjustment;
import org.farmersmarket.db.inventory.ChainHead;
import org.farmersmarket.db.inventory.HistoryQuery;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Reservation;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.inventory.Spoilage;
import org.farmersmarket.db.inventory.StockChange;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderFilter;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PaymentOutcome;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.orders.SalesQuery;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A seeded corpus of generated hostile calls across the public API: every repository method, the request records
 * they take, {@code Money.of}, {@code IdempotencyKey.of}, {@code PageRequest}, {@code DatabaseConfig.parse} and
 * {@code FarmersMarketDb.using}. Each argument is generated valid or invalid (null, blank, NUL, unpaired
 * surrogates, over-long and 10 MB texts, out-of-range numbers, instants and dates, malformed and foreign cursors,
 * unknown ids, SQL injection and other odd but storable text). For every call:
 *
 * <ul>
 *   <li>with an invalid argument it must fail with {@link InvalidInputException} naming a rule;
 *   <li>with valid arguments it must succeed, and a stored text must read back exactly as given (blank as none),
 *       or fail with one of the domain refusals that call allows;
 *   <li>no other exception may escape (no raw driver, pool, JDK exception, no bare base exception, nothing
 *       transient on a healthy database), and after any failure the row counts of every table and the stock and
 *       refund totals are what they were before.
 * </ul>
 *
 * Reproducible: the calls are drawn from one {@code L64X128MixRandom} generator seeded with {@code
 * -Dfm.hostile.seed} (default {@value #DEFAULT_SEED}), and the seed is printed once per run; each call is a dynamic
 * test named by its number, method and arguments, so a failure names the call and the seed finds it again.
 */
@MigratedDatabase
class HostileInputPropertyTest {

    static final int CALLS = 4_000;
    static final long DEFAULT_SEED = 20261202L;
    static final long SEED = Long.getLong("fm.hostile.seed", DEFAULT_SEED);

    private static FarmersMarketDb market;
    private static Fixture fixture;
    private static final Map<String, AtomicInteger> OUTCOMES = new TreeMap<>();
    private static final Map<String, AtomicInteger> METHODS = new TreeMap<>();

    @BeforeAll
    static void makeFixture(TestDatabase db) {
        market = FarmersMarketDb.using(db.dataSource());
        fixture = new Fixture(db, market);
        System.out.println("HostileInputPropertyTest: seed " + SEED + " (-Dfm.hostile.seed=N draws another corpus), "
                + CALLS + " calls");
    }

    @AfterAll
    static void summarize() {
        int calls = METHODS.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("HostileInputPropertyTest: seed " + SEED + ", " + calls + " calls over " + METHODS.size()
                + " methods; outcomes " + OUTCOMES + "; calls per method " + METHODS);
    }

    @TestFactory
    Stream<DynamicTest> everyHostileCall_isRefusedByName_orSucceedsCorrectly_andARefusalWritesNothing() {
        Gen<HostileCall> calls = hostileCalls();
        RandomGenerator random =
                RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(SEED);
        // Drawn in order as JUnit walks the stream, each call runs before the next is drawn: the same seed gives
        // the same calls on the same fixture.
        return IntStream.range(0, CALLS).mapToObj(number -> {
            HostileCall call = calls.next(random);
            return DynamicTest.dynamicTest("#" + number + " " + printable(call), () -> check(call));
        });
    }

    /** The call as a test name: odd text's control characters escaped, so reports and logs keep one line. */
    private static String printable(HostileCall call) {
        StringBuilder name = new StringBuilder();
        call.toString().chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                name.append(String.format("\\u%04x", c));
            } else {
                name.append((char) c);
            }
        });
        return name.toString();
    }

    private static void check(HostileCall call) {
        count(METHODS, call.method());
        List<Long> before = fixture.totals();
        Object result;
        try {
            result = call.run();
        } catch (InvalidInputException refused) {
            count(OUTCOMES, (call.valid() ? "refused valid input: " : "") + "InvalidInputException");
            assertThat(refused.rule()).as("rule of %s", call).isNotBlank();
            if (call.valid()) {
                assertThat(call.allowedRefusals())
                        .as("%s refused %s", call, refused.getMessage())
                        .contains(InvalidInputException.class);
            }
            assertThat(fixture.totals()).as("rows after %s", call).isEqualTo(before);
            return;
        } catch (FarmersMarketDbException refused) {
            count(OUTCOMES, refused.getClass().getSimpleName());
            assertThat(call.valid())
                    .as("%s with invalid input ended in %s", call, refused)
                    .isTrue();
            assertThat(refused).as("%s", call).isNotInstanceOf(TransientDatabaseException.class);
            assertThat(refused.getClass())
                    .as("%s: %s", call, refused.getMessage())
                    .isNotEqualTo(FarmersMarketDbException.class);
            assertThat(call.allowedRefusals())
                    .as("%s: %s", call, refused.getMessage())
                    .anyMatch(allowed -> allowed.isInstance(refused));
            assertThat(fixture.totals()).as("rows after %s", call).isEqualTo(before);
            return;
        } catch (RuntimeException | Error raw) {
            count(OUTCOMES, "raw " + raw.getClass().getName());
            throw new AssertionError("raw exception from " + call + ": " + raw, raw);
        }
        count(OUTCOMES, call.valid() ? "success" : "wrong success");
        assertThat(call.valid()).as("%s succeeded with invalid input", call).isTrue();
        call.checkSuccess(result);
    }

    private static void count(Map<String, AtomicInteger> counts, String key) {
        synchronized (counts) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static Gen<HostileCall> hostileCalls() {
        List<Gen<HostileCall>> calls = new ArrayList<>();
        calls.addAll(catalogCalls());
        calls.addAll(inventoryCalls());
        calls.addAll(orderCalls());
        calls.addAll(valueCalls());
        calls.addAll(new ShopCalls(market, fixture).all());
        return Gen.oneOf(calls);
    }

    // ---- catalog ---------------------------------------------------------------------------------------------

    private static List<Gen<HostileCall>> catalogCalls() {
        Fixture f = fixture;
        return List.of(
                Gen.combine(
                        text(200, true),
                        slug(),
                        text(5000, false),
                        money(),
                        id(true, f.vendor),
                        id(true, f.category),
                        (name, slug, description, price, vendor, category) -> HostileCall.of(
                                        "ProductRepository.create",
                                        List.of(name, slug, description, price, vendor, category),
                                        () -> market.products()
                                                .create(NewProduct.draft(
                                                                vendor.value(),
                                                                category.value(),
                                                                name.value(),
                                                                slug.value(),
                                                                price.value().get())
                                                        .withDescription(description.value())))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)
                                .<Product>onSuccess(product -> {
                                    assertThat(product.name()).isEqualTo(name.value());
                                    assertThat(product.description()).isEqualTo(stored(description.value()));
                                    assertThat(market.products().findById(product.id()))
                                            .contains(product);
                                })),
                Gen.combine(
                        id(true, f.updatable),
                        optionalMoney(),
                        Hostile.replacementText(5000),
                        (product, price, description) -> HostileCall.of(
                                        "ProductRepository.update",
                                        List.of(product, price, description),
                                        () -> market.products()
                                                .update(
                                                        product.value(),
                                                        withPrice(
                                                                ProductChanges.none()
                                                                        .withDescription(description.value()),
                                                                price.value())))
                                .mayBeRefusedWith(NotFoundException.class, InvalidStateTransitionException.class)
                                .<Product>onSuccess(updated ->
                                        assertThat(updated.description()).isEqualTo(stored(description.value())))),
                id(true, f.archivable)
                        .map(product -> HostileCall.of(
                                "ProductRepository.archive",
                                List.of(product),
                                () -> market.products().archive(product.value()))),
                id(true, f.products.toArray(UUID[]::new))
                        .map(product -> HostileCall.of(
                                "ProductRepository.findById",
                                List.of(product),
                                () -> market.products().findById(product.value()))),
                text(100, true)
                        .map(slug -> HostileCall.of(
                                "ProductRepository.findBySlug",
                                List.of(slug),
                                () -> market.products().findBySlug(slug.value()))),
                Gen.combine(
                        text(200, true),
                        priceBound(),
                        priceBound(),
                        pageLimit(),
                        cursor(f.productsCursor, f.otherCursors("products")),
                        (text, min, max, limit, cursor) -> HostileCall.of(
                                "ProductRepository.search",
                                List.of(text, min, max, limit, cursor, orderedBounds(min, max)),
                                () -> market.products()
                                        .search(
                                                ProductSearch.all()
                                                        .withText(text.value())
                                                        .withPriceBetween(min.value(), max.value()),
                                                page(limit, cursor)))),
                Gen.combine(
                        id(true, f.products.get(0)),
                        Gen.oneOf(
                                Gen.of(0, 5, ProductRepository.MAX_LATEST_REVIEWS)
                                        .map(n -> Arg.valid(n, "latest " + n)),
                                Gen.of(-1, ProductRepository.MAX_LATEST_REVIEWS + 1, Integer.MIN_VALUE)
                                        .map(n -> Arg.invalid(n, "latest " + n))),
                        (product, latest) -> HostileCall.of(
                                "ProductRepository.findDetail",
                                List.of(product, latest),
                                () -> market.products().findDetail(product.value(), latest.value()))),
                Gen.combine(
                        text(100, true),
                        slug(),
                        id(false, f.category),
                        text(2000, false),
                        (name, slug, parent, description) -> HostileCall.of(
                                        "CategoryRepository.create",
                                        List.of(name, slug, parent, description),
                                        () -> market.categories()
                                                .create(new NewCategory(
                                                        name.value(),
                                                        slug.value(),
                                                        Optional.ofNullable(parent.value()),
                                                        Optional.ofNullable(description.value()),
                                                        0)))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)
                                .<org.farmersmarket.db.catalog.Category>onSuccess(category -> {
                                    assertThat(category.name()).isEqualTo(name.value());
                                    assertThat(category.description()).isEqualTo(stored(description.value()));
                                })),
                text(100, true)
                        .map(slug -> HostileCall.of(
                                "CategoryRepository.findBySlug",
                                List.of(slug),
                                () -> market.categories().findBySlug(slug.value()))),
                Gen.just(HostileCall.of(
                        "CategoryRepository.tree",
                        List.of(),
                        () -> market.categories().tree())),
                id(true, f.category)
                        .map(category -> HostileCall.of(
                                "CategoryRepository.path",
                                List.of(category),
                                () -> market.categories().path(category.value()))),
                Gen.combine(
                        id(true, f.movable),
                        optionalId(f.category),
                        (category, parent) -> HostileCall.of(
                                        "CategoryRepository.move",
                                        List.of(category, parent),
                                        () -> market.categories().move(category.value(), parent.value()))
                                .mayBeRefusedWith(NotFoundException.class, InvalidInputException.class)),
                Gen.combine(
                        id(true, f.products.get(0), f.products.get(1)),
                        id(true, f.reviewers.toArray(UUID[]::new)),
                        rating(),
                        text(200, false),
                        text(10_000, false),
                        (product, user, rating, title, body) -> HostileCall.of(
                                        "ReviewRepository.create",
                                        List.of(product, user, rating, title, body),
                                        () -> market.reviews()
                                                .create(new NewReview(
                                                        product.value(),
                                                        user.value(),
                                                        rating.value(),
                                                        Optional.ofNullable(title.value()),
                                                        Optional.ofNullable(body.value()))))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)
                                .<Review>onSuccess(review -> {
                                    assertThat(review.title()).isEqualTo(stored(title.value()));
                                    assertThat(review.body()).isEqualTo(stored(body.value()));
                                })),
                Gen.combine(
                        id(true, f.products.get(0), f.products.get(1)),
                        pageLimit(),
                        cursor(f.reviewsCursor, f.otherCursors("reviews")),
                        (product, limit, cursor) -> HostileCall.of(
                                "ReviewRepository.listForProduct",
                                List.of(
                                        product,
                                        limit,
                                        cursor,
                                        scoped(cursor, f.reviewsCursor, product, f.products.get(0))),
                                () -> market.reviews().listForProduct(product.value(), page(limit, cursor)))),
                id(true, f.products.get(0))
                        .map(product -> HostileCall.of(
                                "ReviewRepository.summary",
                                List.of(product),
                                () -> market.reviews().summary(product.value()))));
    }

    // ---- inventory -------------------------------------------------------------------------------------------

    private static List<Gen<HostileCall>> inventoryCalls() {
        Fixture f = fixture;
        UUID[] lots = f.lots.toArray(UUID[]::new);
        return List.of(
                Gen.combine(
                        id(true, f.products.get(0)),
                        text(100, true),
                        threshold(),
                        optionalDate(),
                        optionalDate(),
                        (product, code, threshold, harvested, expires) -> HostileCall.of(
                                        "InventoryRepository.createItem",
                                        List.of(product, code, threshold, harvested, expires),
                                        () -> market.inventory()
                                                .createItem(new NewInventoryItem(
                                                        product.value(),
                                                        code.value(),
                                                        threshold.value(),
                                                        Optional.ofNullable(harvested.value()),
                                                        Optional.ofNullable(expires.value()))))
                                .mayBeRefusedWith(
                                        NotFoundException.class, DuplicateException.class, InvalidInputException.class)
                                .<InventoryItem>onSuccess(
                                        item -> assertThat(item.lotCode()).isEqualTo(code.value()))),
                id(true, lots)
                        .map(lot -> HostileCall.of(
                                "InventoryRepository.findItem",
                                List.of(lot),
                                () -> market.inventory().findItem(lot.value()))),
                Gen.combine(
                        id(true, f.products.get(0)),
                        pageLimit(),
                        cursor(f.itemsCursor, f.otherCursors("items")),
                        (product, limit, cursor) -> HostileCall.of(
                                "InventoryRepository.listItems",
                                List.of(
                                        product,
                                        limit,
                                        cursor,
                                        scoped(cursor, f.itemsCursor, product, f.products.get(0))),
                                () -> market.inventory().listItems(product.value(), page(limit, cursor)))),
                id(true, f.products.get(0))
                        .map(product -> HostileCall.of(
                                "InventoryRepository.availableQuantity",
                                List.of(product),
                                () -> market.inventory().availableQuantity(product.value()))),
                Gen.combine(
                        id(true, lots),
                        positiveQuantity(),
                        actor(f.customer),
                        text(1000, false),
                        key(),
                        (lot, quantity, by, note, key) -> HostileCall.of(
                                        "InventoryRepository.restock",
                                        key.value() == null
                                                ? List.of(lot, quantity, by, note)
                                                : List.of(lot, quantity, by, note, key),
                                        () -> key.value() == null
                                                ? market.inventory()
                                                        .restock(
                                                                new Restock(
                                                                        lot.value(), quantity.value(), note.value()),
                                                                by.value())
                                                : market.inventory()
                                                        .restock(
                                                                new Restock(
                                                                        lot.value(), quantity.value(), note.value()),
                                                                by.value(),
                                                                IdempotencyKey.of(key.value())))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)
                                .<StockChange>onSuccess(
                                        change -> assertThat(change.note()).isEqualTo(stored(note.value())))),
                Gen.combine(
                        restocks(lots),
                        actor(f.customer),
                        key(),
                        (restocks, by, key) -> HostileCall.of(
                                        "InventoryRepository.restockAll",
                                        List.of(restocks, by, key),
                                        () -> key.value() == null
                                                ? market.inventory()
                                                        .restockAll(
                                                                restocks.value().get(), by.value())
                                                : market.inventory()
                                                        .restockAll(
                                                                restocks.value().get(),
                                                                by.value(),
                                                                IdempotencyKey.of(key.value())))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)),
                Gen.combine(
                        id(true, lots),
                        delta(),
                        text(1000, true),
                        actor(f.customer),
                        key(),
                        (lot, delta, reason, by, key) -> HostileCall.of(
                                        "InventoryRepository.adjust",
                                        List.of(lot, delta, reason, by, key),
                                        () -> key.value() == null
                                                ? market.inventory()
                                                        .adjust(
                                                                new Adjustment(
                                                                        lot.value(), delta.value(), reason.value()),
                                                                by.value())
                                                : market.inventory()
                                                        .adjust(
                                                                new Adjustment(
                                                                        lot.value(), delta.value(), reason.value()),
                                                                by.value(),
                                                                IdempotencyKey.of(key.value())))
                                .mayBeRefusedWith(
                                        NotFoundException.class,
                                        InsufficientStockException.class,
                                        DuplicateException.class)),
                Gen.combine(
                        id(true, lots),
                        positiveQuantity(),
                        actor(f.customer),
                        text(1000, false),
                        (lot, quantity, by, note) -> HostileCall.of(
                                        "InventoryRepository.recordSpoilage",
                                        List.of(lot, quantity, by, note),
                                        () -> market.inventory()
                                                .recordSpoilage(
                                                        new Spoilage(lot.value(), quantity.value(), note.value()),
                                                        by.value()))
                                .mayBeRefusedWith(NotFoundException.class, InsufficientStockException.class)),
                Gen.combine(
                        id(true, f.products.get(0)),
                        positiveQuantity(),
                        id(true, f.reservable),
                        actor(f.customer),
                        (product, quantity, order, by) -> HostileCall.of(
                                        "InventoryRepository.reserve",
                                        List.of(product, quantity, order, by),
                                        () -> market.inventory()
                                                .reserve(
                                                        new Reservation(order.value(), quantities(product, quantity)),
                                                        by.value()))
                                .mayBeRefusedWith(NotFoundException.class, InsufficientStockException.class)),
                Gen.combine(
                        id(true, f.products.get(0)),
                        positiveQuantity(),
                        id(true, f.reservable),
                        (product, quantity, order) -> HostileCall.of(
                                        "InventoryRepository.reserve",
                                        List.of(product, quantity, order),
                                        () -> market.inventory()
                                                .reserve(
                                                        new Reservation(order.value(), quantities(product, quantity)),
                                                        Actor.SYSTEM))
                                .mayBeRefusedWith(NotFoundException.class, InsufficientStockException.class)),
                Gen.combine(
                        id(true, f.reservable),
                        actor(f.customer),
                        (order, by) -> HostileCall.of(
                                "InventoryRepository.releaseReservations",
                                List.of(order, by),
                                () -> market.inventory().releaseReservations(order.value(), by.value()))),
                Gen.combine(
                        id(true, f.reservable),
                        actor(f.customer),
                        (order, by) -> HostileCall.of(
                                "InventoryRepository.recordSale",
                                List.of(order, by),
                                () -> market.inventory().recordSale(order.value(), by.value()))),
                Gen.combine(
                        id(true, f.products.get(0)),
                        instant(),
                        pageLimit(),
                        cursor(f.historyCursor, f.otherCursors("history")),
                        (product, since, limit, cursor) -> HostileCall.of(
                                "InventoryRepository.listHistory",
                                List.of(product, since, limit, cursor),
                                () -> market.inventory()
                                        .listHistory(
                                                HistoryQuery.all()
                                                        .forProduct(product.value())
                                                        .since(since.value()),
                                                page(limit, cursor)))),
                Gen.just(HostileCall.of("InventoryRepository.reconcile", List.of(), () -> {
                    assertThat(market.inventory().reconcile()).isEmpty();
                    return null;
                })),
                Gen.just(HostileCall.of(
                        "InventoryRepository.chainHeads",
                        List.of(),
                        () -> market.inventory().chainHeads())),
                Gen.of(
                                Arg.<java.util.Collection<ChainHead>>valid(List.of(), "no saved heads"),
                                Arg.<java.util.Collection<ChainHead>>valid(null, "the heads now"),
                                Arg.<java.util.Collection<ChainHead>>invalid(null, "null heads"),
                                Arg.<java.util.Collection<ChainHead>>invalid(
                                        java.util.Collections.singletonList(null), "a null head"))
                        .map(saved -> HostileCall.of("InventoryRepository.reconcile", List.of(saved), () -> {
                            java.util.Collection<ChainHead> heads = saved.valid() && saved.value() == null
                                    ? market.inventory().chainHeads()
                                    : saved.value();
                            assertThat(market.inventory().reconcile(heads)).isEmpty();
                            return null;
                        })),
                Gen.combine(
                        id(true, f.vendor),
                        pageLimit(),
                        cursor(f.lowStockCursor, f.otherCursors("low stock")),
                        (vendor, limit, cursor) -> HostileCall.of(
                                        "InventoryRepository.listLowStock",
                                        List.of(
                                                vendor,
                                                limit,
                                                cursor,
                                                scoped(cursor, f.lowStockCursor, vendor, f.vendor)),
                                        () -> market.inventory().listLowStock(vendor.value(), page(limit, cursor)))
                                .mayBeRefusedWith(NotFoundException.class)));
    }

    // ---- orders ----------------------------------------------------------------------------------------------

    private static List<Gen<HostileCall>> orderCalls() {
        Fixture f = fixture;
        return List.of(
                Gen.combine(
                        id(true, f.customer),
                        lines(),
                        text(1000, false),
                        address(),
                        key(),
                        (customer, lines, notes, address, key) -> HostileCall.of(
                                        "OrderRepository.placeOrder",
                                        List.of(customer, lines, notes, address, key),
                                        () -> {
                                            PlaceOrder request = (address.value() == null
                                                            ? PlaceOrder.pickup(
                                                                    customer.value(),
                                                                    lines.value()
                                                                            .get())
                                                            : PlaceOrder.delivery(
                                                                    customer.value(),
                                                                    lines.value()
                                                                            .get(),
                                                                    address.value()))
                                                    .withNotes(notes.value());
                                            return key.value() == null
                                                    ? market.orders().placeOrder(request)
                                                    : market.orders()
                                                            .placeOrder(request, IdempotencyKey.of(key.value()));
                                        })
                                .mayBeRefusedWith(
                                        NotFoundException.class,
                                        InsufficientStockException.class,
                                        ProductUnavailableException.class,
                                        DuplicateException.class)
                                .<Order>onSuccess(
                                        order -> assertThat(order.notes()).isEqualTo(stored(notes.value())))),
                Gen.combine(
                        id(true, f.customer),
                        lines(),
                        lines(),
                        (customer, first, second) -> HostileCall.of(
                                        "OrderRepository.placeOrders",
                                        List.of(customer, first, second),
                                        () -> market.orders()
                                                .placeOrders(List.of(
                                                        PlaceOrder.pickup(
                                                                customer.value(),
                                                                first.value().get()),
                                                        PlaceOrder.pickup(
                                                                customer.value(),
                                                                second.value().get()))))
                                .mayBeRefusedWith(
                                        NotFoundException.class,
                                        InsufficientStockException.class,
                                        ProductUnavailableException.class)),
                id(true, f.reservable)
                        .map(order -> HostileCall.of(
                                "OrderRepository.findById",
                                List.of(order),
                                () -> market.orders().findById(order.value()))),
                Gen.combine(
                        id(true, f.customer),
                        statuses(),
                        instant(),
                        instant(),
                        pageLimit(),
                        cursor(f.customerOrdersCursor, f.otherCursors("customer orders")),
                        (customer, statuses, from, to, limit, cursor) -> HostileCall.of(
                                "OrderRepository.listForCustomer",
                                List.of(
                                        customer,
                                        statuses,
                                        from,
                                        to,
                                        limit,
                                        orderedInstants(from, to),
                                        cursor,
                                        scoped(cursor, f.customerOrdersCursor, customer, f.customer)),
                                () -> market.orders()
                                        .listForCustomer(
                                                customer.value(),
                                                statuses.value() == null
                                                        ? null
                                                        : statuses.value().createdBetween(from.value(), to.value()),
                                                page(limit, cursor)))),
                Gen.combine(
                        id(true, f.vendor),
                        pageLimit(),
                        cursor(f.vendorOrdersCursor, f.otherCursors("vendor orders")),
                        (vendor, limit, cursor) -> HostileCall.of(
                                "OrderRepository.listForVendor",
                                List.of(vendor, limit, cursor, scoped(cursor, f.vendorOrdersCursor, vendor, f.vendor)),
                                () -> market.orders().listForVendor(vendor.value(), page(limit, cursor)))),
                Gen.combine(
                        id(true, f.reservable),
                        status(),
                        actor(f.customer),
                        (order, to, by) -> HostileCall.of(
                                        "OrderRepository.changeStatus",
                                        List.of(order, to, by),
                                        () -> market.orders().changeStatus(order.value(), to.value(), by.value()))
                                .mayBeRefusedWith(NotFoundException.class, InvalidStateTransitionException.class)),
                Gen.combine(
                        id(true, f.paidOrder),
                        text(50, true),
                        text(200, true),
                        money(),
                        text(1000, false),
                        (order, provider, paymentId, amount, reason) -> HostileCall.of(
                                        "OrderRepository.recordPaymentOutcome",
                                        List.of(order, provider, paymentId, amount, reason),
                                        () -> market.orders()
                                                .recordPaymentOutcome(
                                                        reason.value() == null
                                                                ? PaymentOutcome.succeeded(
                                                                        order.value(),
                                                                        provider.value(),
                                                                        paymentId.value(),
                                                                        amount.value()
                                                                                .get())
                                                                : PaymentOutcome.failed(
                                                                        order.value(),
                                                                        provider.value(),
                                                                        paymentId.value(),
                                                                        amount.value()
                                                                                .get(),
                                                                        reason.value())))
                                .mayBeRefusedWith(NotFoundException.class, DuplicateException.class)),
                Gen.combine(
                        id(true, f.paidPayment),
                        refundAmount(),
                        key(),
                        (payment, amount, key) -> HostileCall.of(
                                        "OrderRepository.refundPayment",
                                        List.of(payment, amount, key),
                                        () -> key.value() == null
                                                ? market.orders()
                                                        .refundPayment(
                                                                payment.value(),
                                                                amount.value().get())
                                                : market.orders()
                                                        .refundPayment(
                                                                payment.value(),
                                                                amount.value().get(),
                                                                IdempotencyKey.of(key.value())))
                                .mayBeRefusedWith(
                                        NotFoundException.class,
                                        InvalidStateTransitionException.class,
                                        InvalidInputException.class,
                                        DuplicateException.class)),
                Gen.combine(
                        id(true, f.vendor),
                        date(),
                        date(),
                        zone(),
                        (vendor, from, to, zone) -> HostileCall.of(
                                "OrderRepository.salesSummary",
                                List.of(vendor, from, to, zone, salesRange(from, to)),
                                () -> market.orders()
                                        .salesSummary(new SalesQuery(
                                                vendor.value(), from.value(), to.value(), zone.value())))));
    }

    // ---- values and entry points -----------------------------------------------------------------------------

    private static List<Gen<HostileCall>> valueCalls() {
        return List.of(
                Gen.combine(
                        amount(),
                        currency(),
                        (amount, currency) -> HostileCall.of(
                                "Money.of",
                                List.of(amount, currency),
                                () -> Money.of(amount.value(), currency.value()))),
                key().map(key -> HostileCall.of(
                        "IdempotencyKey.of",
                        List.of(key.value() == null ? Arg.invalid(null, "null key") : key),
                        () -> IdempotencyKey.of(key.value()))),
                pageLimit()
                        .map(limit -> HostileCall.of(
                                "PageRequest.first", List.of(limit), () -> PageRequest.first(limit.value()))),
                connectionString()
                        .map(url -> HostileCall.of(
                                "DatabaseConfig.parse", List.of(url), () -> DatabaseConfig.parse(url.value()))),
                Gen.just(HostileCall.of(
                        "FarmersMarketDb.using",
                        List.of(Arg.invalid(null, "null data source")),
                        () -> FarmersMarketDb.using((javax.sql.DataSource) null))));
    }

    // ---- argument generators specific to one call ------------------------------------------------------------

    static Gen<Arg<String>> slug() {
        return Gen.oneOf(
                Gen.text("abcdefghijklmnopqrstuvwxyz", 12, 12).map(s -> Arg.valid("s-" + s, "slug s-" + s)),
                Gen.just(Arg.valid("v" + "-x".repeat(49) + "y", "slug of 100 characters")),
                Gen.of("Upper", "two  spaces", "a--b", "-a", "a-", "ünï", "a_b", "", "  ", "a\0b", "a".repeat(101))
                        .map(s -> Arg.invalid(s, "slug '" + s.substring(0, Math.min(20, s.length())) + "'")),
                Gen.just(Arg.invalid(null, "null slug")));
    }

    /** Money built inside the call ({@code Money.of} refuses invalid amounts and currencies there). */
    private static Gen<Arg<java.util.function.Supplier<Money>>> money() {
        return Gen.combine(
                amount(),
                currency(),
                (amount, currency) -> new Arg<>(
                        () -> Money.of(amount.value(), currency.value()),
                        amount.valid() && currency.valid(),
                        amount.label() + " " + currency.label()));
    }

    private static Gen<Arg<java.util.function.Supplier<Money>>> optionalMoney() {
        return Gen.oneOf(Gen.just(Arg.<java.util.function.Supplier<Money>>valid(() -> null, "no price")), money());
    }

    private static ProductChanges withPrice(ProductChanges changes, java.util.function.Supplier<Money> price) {
        Money money = price.get();
        return money == null ? changes : changes.withPrice(money);
    }

    /** A refund must be more than 0: a valid zero amount is invalid here. */
    private static Gen<Arg<java.util.function.Supplier<Money>>> refundAmount() {
        return money().map(
                        money -> money.valid() && money.value().get().amount().signum() <= 0
                                ? Arg.invalid(money.value(), "refund of " + money.label())
                                : money);
    }

    private static Gen<Arg<BigDecimal>> priceBound() {
        return Gen.oneOf(
                Gen.of("0", "1.5", "9999999999.99").map(p -> Arg.valid(new BigDecimal(p), "price " + p)),
                Gen.of("-0.01", "1e400", "10000000000").map(p -> Arg.invalid(new BigDecimal(p), "price " + p)),
                Gen.just(Arg.invalid(null, "null price")));
    }

    private static Arg<Boolean> orderedBounds(Arg<BigDecimal> min, Arg<BigDecimal> max) {
        boolean ordered =
                min.value() == null || max.value() == null || min.value().compareTo(max.value()) <= 0;
        return new Arg<>(ordered, ordered, ordered ? "bounds in order" : "minimum above maximum");
    }

    private static Arg<Boolean> orderedInstants(Arg<java.time.Instant> from, Arg<java.time.Instant> to) {
        boolean ordered = !from.valid() || !to.valid() || from.value().isBefore(to.value());
        return new Arg<>(ordered, ordered, ordered ? "range in order" : "range end not after its start");
    }

    private static Arg<Boolean> salesRange(Arg<java.time.LocalDate> from, Arg<java.time.LocalDate> to) {
        boolean fine = !from.valid()
                || !to.valid()
                || (from.value().isBefore(to.value())
                        && java.time.temporal.ChronoUnit.DAYS.between(from.value(), to.value()) <= 366);
        return new Arg<>(fine, fine, fine ? "range of at most 366 days" : "range empty or longer than 366 days");
    }

    /** A cursor is valid only for the scope that made it: the listing's own cursor with another scope is not. */
    static Arg<String> scoped(Arg<String> cursor, String own, Arg<UUID> scope, UUID ownScope) {
        boolean foreign = own.equals(cursor.value()) && !ownScope.equals(scope.value());
        return foreign ? Arg.invalid(cursor.value(), "the cursor of another scope") : Arg.valid(null, "scope");
    }

    static PageRequest page(Arg<Integer> limit, Arg<String> cursor) {
        return new PageRequest(limit.value(), Optional.ofNullable(cursor.value()));
    }

    static Gen<Arg<Integer>> rating() {
        return Gen.oneOf(
                Gen.between(1, 5).map(n -> Arg.valid(n, "rating " + n)),
                Gen.of(0, 6, -1, Integer.MIN_VALUE, Integer.MAX_VALUE).map(n -> Arg.invalid(n, "rating " + n)));
    }

    private static Gen<Arg<Integer>> threshold() {
        return Gen.oneOf(
                Gen.of(0, 3, Integer.MAX_VALUE).map(n -> Arg.valid(n, "threshold " + n)),
                Gen.of(-1, Integer.MIN_VALUE).map(n -> Arg.invalid(n, "threshold " + n)));
    }

    private static Gen<Arg<Integer>> delta() {
        return Gen.oneOf(
                Gen.of(-2, -1, 1, 5).map(n -> Arg.valid(n, "delta " + n)),
                Gen.of(0, Integer.MIN_VALUE).map(n -> Arg.invalid(n, "delta " + n)));
    }

    private static Gen<Arg<java.time.LocalDate>> optionalDate() {
        return Gen.oneOf(Gen.just(Arg.valid(null, "no date")), date());
    }

    private static Gen<Arg<Optional<UUID>>> optionalId(UUID existing) {
        return Gen.oneOf(
                Gen.of(
                        Arg.valid(Optional.empty(), "top level"),
                        Arg.valid(Optional.of(existing), "existing parent"),
                        Arg.valid(Optional.of(UUID.randomUUID()), "unknown parent")),
                Gen.just(Arg.invalid(null, "null optional")));
    }

    private static Gen<Arg<String>> key() {
        return Gen.oneOf(
                Gen.just(Arg.valid(null, "no key")),
                Hostile.unknownId().map(id -> Arg.valid("k-" + id, "fresh key")),
                Gen.of(
                        Arg.valid("reused-key-1", "reused key"),
                        Arg.valid("x".repeat(IdempotencyKey.MAX_LENGTH), "longest key")),
                Gen.of("", "tab\tkey", "nul\0key", "\uD83E", "k".repeat(IdempotencyKey.MAX_LENGTH + 1))
                        .map(k -> Arg.invalid(k, "key '" + k.substring(0, Math.min(10, k.length())) + "'")));
    }

    /** Restocks built inside the call ({@link Restock}'s constructor refuses a bad part there). */
    private static Gen<Arg<java.util.function.Supplier<List<Restock>>>> restocks(UUID[] lots) {
        Gen<List<Arg<UUID>>> ids = id(true, lots).list(0, 3);
        return Gen.oneOf(
                Gen.combine(ids, positiveQuantity().list(3, 3), (lotIds, quantities) -> {
                    boolean valid = lotIds.stream().allMatch(Arg::valid)
                            && quantities.subList(0, lotIds.size()).stream().allMatch(Arg::valid)
                            && lotIds.stream().map(Arg::value).distinct().count() == lotIds.size();
                    java.util.function.Supplier<List<Restock>> build = () -> {
                        List<Restock> restocks = new ArrayList<>();
                        for (int i = 0; i < lotIds.size(); i++) {
                            restocks.add(new Restock(
                                    lotIds.get(i).value(), quantities.get(i).value()));
                        }
                        return restocks;
                    };
                    return new Arg<>(build, valid, lotIds + " x " + quantities.subList(0, lotIds.size()));
                }),
                Gen.just(Arg.<java.util.function.Supplier<List<Restock>>>invalid(() -> null, "null list")));
    }

    /** Order lines built inside the call ({@link OrderLine}'s constructor refuses a bad line there). */
    private static Gen<Arg<java.util.function.Supplier<List<OrderLine>>>> lines() {
        Gen<List<Arg<UUID>>> products =
                id(true, fixture.products.toArray(UUID[]::new)).list(1, 3);
        return Gen.oneOf(
                Gen.combine(products, positiveQuantity().list(3, 3), (ids, quantities) -> {
                    boolean valid = ids.stream().allMatch(Arg::valid)
                            && quantities.subList(0, ids.size()).stream().allMatch(Arg::valid);
                    java.util.function.Supplier<List<OrderLine>> build = () -> {
                        List<OrderLine> lines = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                            lines.add(new OrderLine(
                                    ids.get(i).value(), quantities.get(i).value()));
                        }
                        return lines;
                    };
                    return new Arg<>(build, valid, ids + " x " + quantities.subList(0, ids.size()));
                }),
                Gen.of(
                        Arg.<java.util.function.Supplier<List<OrderLine>>>invalid(List::of, "no lines"),
                        Arg.<java.util.function.Supplier<List<OrderLine>>>invalid(() -> null, "null lines")));
    }

    private static Gen<Arg<String>> address() {
        return Gen.oneOf(
                Gen.just(Arg.valid(null, "pickup")), text(500, true).filter(address -> address.value() != null));
    }

    private static Gen<Arg<OrderFilter>> statuses() {
        return Gen.oneOf(
                Gen.of(
                        Arg.valid(OrderFilter.all(), "all statuses"),
                        Arg.valid(
                                OrderFilter.all().withStatuses(OrderStatus.PENDING, OrderStatus.COMPLETED),
                                "two statuses")),
                Gen.just(Arg.invalid(null, "null filter")));
    }

    private static Gen<Arg<OrderStatus>> status() {
        return Gen.oneOf(
                Gen.of(OrderStatus.values()).map(s -> Arg.valid(s, "status " + s)),
                Gen.just(Arg.invalid(null, "null status")));
    }

    private static Gen<Arg<ZoneId>> zone() {
        return Gen.oneOf(
                Gen.of(ZoneId.of("UTC"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/New_York"))
                        .map(z -> Arg.valid(z, "zone " + z)),
                Gen.just(Arg.invalid(null, "null zone")));
    }

    private static Gen<Arg<String>> connectionString() {
        return Gen.oneOf(
                Gen.of(
                                "postgresql://app:secret@localhost:5432/market",
                                "postgres://localhost/market?pgbouncer=true",
                                "jdbc:postgresql://db:6543/market?connection_limit=1&pool_timeout=5")
                        .map(url -> Arg.valid(url, "url " + url)),
                Gen.of(
                                "postgresql://localhost:99999/market",
                                "postgresql://localhost:0/market",
                                "postgresql://localhost/market?pgbouncer=yes",
                                "postgresql://localhost/market?pgbouncer=1",
                                "postgresql://localhost/market?=1",
                                "postgresql://localhost/market?a=1&a=2",
                                "http://localhost/market",
                                "",
                                "not a url at all",
                                "postgresql://localhost/market?connection_limit=-1",
                                "postgresql://localhost/market?schema=pg_catalog",
                                "postgresql://local host/market")
                        .map(url -> Arg.invalid(url, "url " + url)),
                Gen.just(Arg.invalid(null, "null url")));
    }

    /** One product's quantity, in a map that holds a null product id too (Map.of refuses one). */
    private static Map<UUID, Integer> quantities(Arg<UUID> product, Arg<Integer> quantity) {
        Map<UUID, Integer> map = new java.util.HashMap<>();
        map.put(product.value(), quantity.value());
        return map;
    }

    private static Gen<Arg<Actor>> actor(UUID existingUser) {
        return Gen.of(
                Arg.valid(Actor.SYSTEM, "system"),
                Arg.valid(Actor.user(existingUser), "existing user"),
                Arg.invalid(null, "null actor"));
    }

    /** What the API stores for an optional text: blank is none. */
    static Optional<String> stored(String text) {
        return Optional.ofNullable(text).filter(t -> !t.isBlank());
    }
}
