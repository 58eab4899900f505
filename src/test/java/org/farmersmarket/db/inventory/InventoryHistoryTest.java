package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * History pages: with every filter, walking page after page returns each matching row exactly once, newest first,
 * and nothing else. The rows are written once for the class; the tests only read.
 */
@MigratedDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryHistoryTest {

    /** Newest first, as PostgreSQL orders (created_at desc, id desc); uuid order is that of the hex text. */
    private static final Comparator<StockChange> NEWEST_FIRST = Comparator.comparing(StockChange::createdAt)
            .thenComparing(change -> change.id().toString())
            .reversed();

    private TestDatabase db;
    private InventoryRepository inventory;
    private final List<StockChange> written = new ArrayList<>();
    private UUID carrots;
    private UUID beets;
    private UUID carrotsEarly;
    private UUID carrotsLate;
    private UUID beetsLot;
    private UUID alice;
    private UUID bob;
    private UUID firstOrder;
    private UUID secondOrder;

    @BeforeAll
    void writeHistory(TestDatabase db) {
        this.db = db;
        inventory = new InventoryRepository(db.dsl());
        InventoryFixtures fixtures = new InventoryFixtures(db.dsl());
        carrots = fixtures.product();
        beets = fixtures.product();
        alice = fixtures.user();
        bob = fixtures.user();
        firstOrder = fixtures.order();
        secondOrder = fixtures.order();
        LocalDate today = LocalDate.of(2030, 1, 1);
        carrotsEarly = inventory.createItem(fixtures.lot(carrots, 5, today)).id();
        carrotsLate = inventory
                .createItem(fixtures.lot(carrots, 5, today.plusDays(7)))
                .id();
        beetsLot = inventory.createItem(fixtures.lot(beets, 5, null)).id();

        for (int round = 0; round < 3; round++) {
            written.add(inventory.restock(new Restock(carrotsEarly, 4, "round " + round), Actor.user(alice)));
            written.add(inventory.restock(new Restock(carrotsLate, 6), Actor.user(bob)));
            written.add(inventory.restock(new Restock(beetsLot, 5), Actor.user(round % 2 == 0 ? alice : bob)));
        }
        written.add(inventory.adjust(new Adjustment(carrotsLate, -2, "recount"), Actor.user(bob)));
        written.add(inventory.recordSpoilage(new Spoilage(beetsLot, 3, "mould"), Actor.user(alice)));
        written.addAll(inventory.reserve(new Reservation(firstOrder, Map.of(carrots, 14)), Actor.user(alice)));
        written.addAll(inventory.reserve(new Reservation(firstOrder, Map.of(beets, 2)), Actor.user(alice)));
        written.addAll(inventory.reserve(new Reservation(secondOrder, Map.of(carrots, 3)), Actor.user(bob)));
        written.addAll(inventory.releaseReservations(secondOrder, Actor.user(bob)));
        written.addAll(inventory.recordSale(firstOrder, Actor.SYSTEM));
        written.add(inventory.restock(new Restock(carrotsEarly, 1), Actor.SYSTEM));
    }

    /** Walks every page of a query and checks the pages themselves on the way. */
    private List<StockChange> walk(HistoryQuery query, int pageSize) {
        List<StockChange> rows = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        while (true) {
            Page<StockChange> page = inventory.listHistory(query, request);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            rows.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                return rows;
            }
            assertThat(page.items()).hasSize(pageSize);
            request = PageRequest.after(page.nextCursor().get(), pageSize);
        }
    }

    private List<StockChange> expected(Predicate<StockChange> filter) {
        return written.stream().filter(filter).sorted(NEWEST_FIRST).toList();
    }

    private void assertWalk(HistoryQuery query, Predicate<StockChange> filter) {
        List<StockChange> expected = expected(filter);
        assertThat(expected).as("the fixture has rows for this filter").isNotEmpty();
        for (int pageSize : new int[] {1, 3, expected.size(), expected.size() + 1}) {
            assertThat(walk(query, pageSize)).as("page size %d", pageSize).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void history_withoutFilter_walksEveryRowOnce_newestFirst() {
        assertThat(written).hasSize(20);

        assertWalk(HistoryQuery.all(), change -> true);
    }

    @Test
    void history_ofAProduct_walksItsRowsOnly() {
        assertWalk(
                HistoryQuery.all().forProduct(carrots),
                change -> change.productId().equals(carrots));
        assertWalk(
                HistoryQuery.all().forProduct(beets),
                change -> change.productId().equals(beets));
    }

    @Test
    void history_ofALot_walksItsRowsOnly() {
        assertWalk(
                HistoryQuery.all().forItem(carrotsLate),
                change -> change.inventoryItemId().equals(carrotsLate));
    }

    @Test
    void history_ofOneOrSeveralReasons_walksRowsWithThoseReasons() {
        assertWalk(
                HistoryQuery.all().withReasons(InventoryChangeReason.RESTOCK),
                change -> change.reason() == InventoryChangeReason.RESTOCK);
        Set<InventoryChangeReason> settled = Set.of(InventoryChangeReason.RELEASE, InventoryChangeReason.SALE);
        assertWalk(
                HistoryQuery.all().withReasons(InventoryChangeReason.RELEASE, InventoryChangeReason.SALE),
                change -> settled.contains(change.reason()));
    }

    @Test
    void history_inADateRange_includesItsStartAndExcludesItsEnd() {
        List<StockChange> oldestFirst = expected(change -> true).reversed();
        Instant from = oldestFirst.get(4).createdAt();
        Instant to = oldestFirst.get(15).createdAt();

        assertWalk(
                HistoryQuery.all().between(from, to),
                change ->
                        !change.createdAt().isBefore(from) && change.createdAt().isBefore(to));
        assertWalk(HistoryQuery.all().since(to), change -> !change.createdAt().isBefore(to));
        assertWalk(HistoryQuery.all().before(from), change -> change.createdAt().isBefore(from));
    }

    @Test
    void history_ofAnOrder_walksTheRowsItCaused() {
        assertWalk(
                HistoryQuery.all().forOrder(firstOrder),
                change -> change.orderId().equals(Optional.of(firstOrder)));
        assertWalk(
                HistoryQuery.all().forOrder(secondOrder),
                change -> change.orderId().equals(Optional.of(secondOrder)));
    }

    @Test
    void history_ofAPerson_walksTheRowsTheyMade() {
        assertWalk(
                HistoryQuery.all().changedByUser(alice),
                change -> change.changedBy().equals(Optional.of(alice)));
        assertWalk(
                HistoryQuery.all().changedByUser(bob),
                change -> change.changedBy().equals(Optional.of(bob)));
    }

    @Test
    void history_withCombinedFilters_walksRowsMatchingAllOfThem() {
        assertWalk(
                HistoryQuery.all()
                        .forProduct(carrots)
                        .withReasons(InventoryChangeReason.RESTOCK, InventoryChangeReason.RESERVATION)
                        .changedByUser(alice),
                change -> change.productId().equals(carrots)
                        && (change.reason() == InventoryChangeReason.RESTOCK
                                || change.reason() == InventoryChangeReason.RESERVATION)
                        && change.changedBy().equals(Optional.of(alice)));
    }

    /**
     * Every combination of the seven filters (each combination is a query of its own shape, rendered once) walks
     * exactly the rows that match all of its filters; pages of 2 also run each shape with a cursor.
     */
    @Test
    void history_withEveryCombinationOfFilters_walksRowsMatchingAllOfThem() {
        List<StockChange> oldestFirst = expected(change -> true).reversed();
        Instant from = oldestFirst.get(2).createdAt();
        Instant to = oldestFirst.get(17).createdAt();
        Set<InventoryChangeReason> reasons =
                Set.of(InventoryChangeReason.RESTOCK, InventoryChangeReason.RESERVATION, InventoryChangeReason.SALE);
        List<Narrowing> filters = List.of(
                new Narrowing(
                        query -> query.forProduct(carrots),
                        change -> change.productId().equals(carrots)),
                new Narrowing(
                        query -> query.forItem(carrotsLate),
                        change -> change.inventoryItemId().equals(carrotsLate)),
                new Narrowing(
                        query -> query.withReasons(reasons.toArray(InventoryChangeReason[]::new)),
                        change -> reasons.contains(change.reason())),
                new Narrowing(
                        query -> query.since(from),
                        change -> !change.createdAt().isBefore(from)),
                new Narrowing(
                        query -> query.before(to), change -> change.createdAt().isBefore(to)),
                new Narrowing(
                        query -> query.forOrder(firstOrder),
                        change -> change.orderId().equals(Optional.of(firstOrder))),
                new Narrowing(
                        query -> query.changedByUser(alice),
                        change -> change.changedBy().equals(Optional.of(alice))));
        int combinationsWithRows = 0;

        for (int combination = 0; combination < 1 << filters.size(); combination++) {
            HistoryQuery query = HistoryQuery.all();
            Predicate<StockChange> matches = change -> true;
            for (int filter = 0; filter < filters.size(); filter++) {
                if ((combination & 1 << filter) != 0) {
                    query = filters.get(filter).narrow().apply(query);
                    matches = matches.and(filters.get(filter).matches());
                }
            }
            List<StockChange> expected = expected(matches);
            assertThat(walk(query, 2)).as("%s", query).containsExactlyElementsOf(expected);
            combinationsWithRows += expected.isEmpty() ? 0 : 1;
        }

        // Alice's reservation from the late carrot lot for the first order matches all seven: none passes empty.
        assertThat(combinationsWithRows).as("combinations with rows").isEqualTo(1 << filters.size());
    }

    /** A filter of a history query, and the rows it lets through. */
    private record Narrowing(UnaryOperator<HistoryQuery> narrow, Predicate<StockChange> matches) {}

    @Test
    void history_rowsCarryTheChangeTheAfterValuesTheReasonTheOrderAndThePerson() {
        StockChange sale = written.stream()
                .filter(change -> change.reason() == InventoryChangeReason.SALE
                        && change.inventoryItemId().equals(beetsLot))
                .findFirst()
                .orElseThrow();

        List<StockChange> rows = walk(HistoryQuery.all().forItem(beetsLot).withReasons(InventoryChangeReason.SALE), 10);

        assertThat(rows).containsExactly(sale);
        assertThat(sale.quantityChange()).isEqualTo(-2);
        assertThat(sale.reservedChange()).isEqualTo(-2);
        assertThat(sale.quantityAfter()).isEqualTo(10);
        assertThat(sale.reservedAfter()).isZero();
        assertThat(sale.orderId()).contains(firstOrder);
        assertThat(sale.changedBy()).isEmpty();
    }

    @Test
    void history_matchingNothing_isOneEmptyPage() {
        Page<StockChange> page =
                inventory.listHistory(HistoryQuery.all().forProduct(UUID.randomUUID()), PageRequest.first(5));

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void history_withAMalformedCursor_throwsInvalidInput() {
        assertThatThrownBy(() -> inventory.listHistory(HistoryQuery.all(), PageRequest.after("not-a-cursor", 5)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("cursor");
    }

    @Test
    void history_withoutQueryOrPage_throwsInvalidInput() {
        assertThatThrownBy(() -> inventory.listHistory(null, PageRequest.first(5)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inventory.listHistory(HistoryQuery.all(), null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void historyQuery_withAnEmptyOrBackwardRange_throwsInvalidInput() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        assertThatThrownBy(() -> HistoryQuery.all().between(now, now))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("to");
        assertThatThrownBy(() -> HistoryQuery.all().since(now).before(now.minusSeconds(1)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void historyQuery_withNullsOrNoReasons_throwsInvalidInput() {
        assertThatThrownBy(() -> HistoryQuery.all().forProduct(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HistoryQuery.all().withReasons()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HistoryQuery.all().withReasons(InventoryChangeReason.SALE, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HistoryQuery(
                        null,
                        Optional.empty(),
                        Set.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo("productId");
    }

    @Test
    void historyQuery_narrowingTwice_keepsTheLastValue() {
        HistoryQuery query = HistoryQuery.all().forOrder(firstOrder).forOrder(secondOrder);

        assertThat(query.orderId()).contains(secondOrder);
        assertThat(query.productId()).isEmpty();
    }

    /**
     * The plan of each single-filter page, first and later, with sequential scans priced out (a table this small
     * would otherwise be scanned whole), names the index meant for that filter: the query keeps every filter and
     * the keyset condition index-friendly.
     */
    @Test
    void history_eachFilter_isServedByItsIndex() {
        String cursor = InventoryQueries.historyCursor(written.getLast());
        Instant from = written.getFirst().createdAt();
        Map<HistoryQuery, String> indexOfFilter = Map.of(
                HistoryQuery.all().forProduct(carrots), "inventory_history_product_id_created_at_idx",
                HistoryQuery.all().forItem(carrotsLate), "inventory_history_inventory_item_id_created_at_idx",
                HistoryQuery.all().withReasons(InventoryChangeReason.SALE),
                        "inventory_history_reason_created_at_id_idx",
                HistoryQuery.all().forOrder(firstOrder), "inventory_history_order_id_idx",
                HistoryQuery.all().changedByUser(alice), "inventory_history_changed_by_created_at_idx",
                HistoryQuery.all().since(from), "inventory_history_created_at_idx",
                HistoryQuery.all(), "inventory_history_created_at_idx");

        indexOfFilter.forEach((query, index) -> {
            assertThat(planOf(query, PageRequest.first(10)))
                    .as("first page of %s", query)
                    .contains(index);
            assertThat(planOf(query, PageRequest.after(cursor, 10)))
                    .as("later page of %s", query)
                    .contains(index);
        });
    }

    private String planOf(HistoryQuery query, PageRequest page) {
        return db.dsl().transactionResult(trx -> {
            // A planner setting, local to this transaction; no input of any kind reaches it.
            trx.dsl().execute("SET LOCAL enable_seqscan = off");
            return trx.dsl()
                    .explain(InventoryQueries.historyPage(trx.dsl(), query, page))
                    .plan();
        });
    }
}
