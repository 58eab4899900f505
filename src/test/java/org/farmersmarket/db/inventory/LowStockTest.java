package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The low-stock report lists exactly the vendor's lots at or below their threshold, shortest first. */
@MigratedDatabase
class LowStockTest {

    private InventoryRepository inventory;
    private InventoryFixtures fixtures;
    private UUID user;

    @BeforeEach
    void setUp(TestDatabase db) {
        inventory = new InventoryRepository(db.dsl());
        fixtures = new InventoryFixtures(db.dsl());
        user = fixtures.user();
    }

    /** A lot with the given stock and threshold; {@code reserved} units are reserved for an order. */
    private UUID lot(UUID product, int onHand, int reserved, int threshold) {
        UUID lot = inventory.createItem(fixtures.lot(product, threshold, null)).id();
        if (onHand > 0) {
            inventory.restock(new Restock(lot, onHand), Actor.user(user));
        }
        if (reserved > 0) {
            inventory.reserve(new Reservation(fixtures.order(), Map.of(product, reserved)), Actor.user(user));
        }
        return lot;
    }

    @Test
    void lowStock_listsExactlyTheVendorsShortLots_shortestFirst() {
        UUID vendor = fixtures.vendor();
        UUID apples = fixtures.product(vendor, "Apples", ProductStatus.ACTIVE);
        UUID beans = fixtures.product(vendor, "Beans", ProductStatus.DRAFT);
        UUID corn = fixtures.product(vendor, "Corn", ProductStatus.INACTIVE);
        UUID applesShort = lot(apples, 2, 0, 5);
        lot(apples, 10, 0, 5);
        UUID applesAtThreshold = lot(apples, 5, 0, 5);
        UUID beansEmpty = lot(beans, 0, 0, 5);
        UUID cornMostlyReserved = lot(corn, 8, 6, 4);
        lot(corn, 3, 0, 0);

        var report = inventory
                .listLowStock(vendor, PageRequest.first(PageRequest.MAX_LIMIT))
                .items();

        assertThat(report)
                .containsExactly(
                        new LowStockItem(
                                beansEmpty,
                                beans,
                                "Beans",
                                fixtures.item(beansEmpty).lotCode(),
                                0,
                                5),
                        new LowStockItem(
                                applesShort,
                                apples,
                                "Apples",
                                fixtures.item(applesShort).lotCode(),
                                2,
                                5),
                        new LowStockItem(
                                cornMostlyReserved,
                                corn,
                                "Corn",
                                fixtures.item(cornMostlyReserved).lotCode(),
                                2,
                                4),
                        new LowStockItem(
                                applesAtThreshold,
                                apples,
                                "Apples",
                                fixtures.item(applesAtThreshold).lotCode(),
                                5,
                                5));
        assertThat(report).extracting(LowStockItem::shortfall).containsExactly(5, 3, 2, 0);
    }

    @Test
    void lowStock_leavesOutOtherVendorsAndArchivedProducts() {
        UUID vendor = fixtures.vendor();
        UUID otherVendor = fixtures.vendor();
        UUID kept = lot(fixtures.product(vendor, "Kale", ProductStatus.ACTIVE), 1, 0, 5);
        lot(fixtures.product(vendor, "Leeks", ProductStatus.ARCHIVED), 0, 0, 5);
        UUID others = lot(fixtures.product(otherVendor, "Kale", ProductStatus.ACTIVE), 0, 0, 5);

        assertThat(inventory
                        .listLowStock(vendor, PageRequest.first(PageRequest.MAX_LIMIT))
                        .items())
                .extracting(LowStockItem::inventoryItemId)
                .containsExactly(kept);
        assertThat(inventory
                        .listLowStock(otherVendor, PageRequest.first(PageRequest.MAX_LIMIT))
                        .items())
                .extracting(LowStockItem::inventoryItemId)
                .containsExactly(others);
    }

    @Test
    void lowStock_ofAVendorWithoutShortLots_isEmpty() {
        UUID vendor = fixtures.vendor();
        lot(fixtures.product(vendor, "Onions", ProductStatus.ACTIVE), 20, 0, 5);

        assertThat(inventory
                        .listLowStock(vendor, PageRequest.first(PageRequest.MAX_LIMIT))
                        .items())
                .isEmpty();
        assertThat(inventory
                        .listLowStock(fixtures.vendor(), PageRequest.first(PageRequest.MAX_LIMIT))
                        .items())
                .isEmpty();
    }

    @Test
    void lowStock_ofUnknownVendor_throwsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> inventory
                        .listLowStock(unknown, PageRequest.first(PageRequest.MAX_LIMIT))
                        .items())
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo(Entity.VENDOR);
                    assertThat(e.key()).isEqualTo(unknown.toString());
                });
    }

    @Test
    void lowStock_withoutVendor_throwsInvalidInput() {
        assertThatThrownBy(() -> inventory
                        .listLowStock(null, PageRequest.first(PageRequest.MAX_LIMIT))
                        .items())
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void listLowStock_pagesThroughEveryLowLotOnce_inReportOrder_evenWithNamesThatLookLikeCursorSyntax() {
        UUID vendor = fixtures.vendor();
        // Names with the cursor's own separator and escapes must round-trip through the cursor unchanged.
        UUID odd = fixtures.product(vendor, "Beets\u001f%41+/ \u00e9", ProductStatus.ACTIVE);
        UUID plain = fixtures.product(vendor, "Beets", ProductStatus.ACTIVE);
        for (int i = 0; i < 4; i++) {
            lot(odd, i, 0, 5);
            lot(plain, i, 0, 5);
        }
        var all = inventory
                .listLowStock(vendor, PageRequest.first(PageRequest.MAX_LIMIT))
                .items();
        assertThat(all).hasSize(8);

        var paged = new java.util.ArrayList<LowStockItem>();
        var page = inventory.listLowStock(vendor, PageRequest.first(3));
        paged.addAll(page.items());
        while (page.hasNext()) {
            page = inventory.listLowStock(
                    vendor, PageRequest.after(page.nextCursor().orElseThrow(), 3));
            paged.addAll(page.items());
        }

        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void listLowStock_ofAVendorWithoutLowLots_isAnEmptyPage_andAnotherVendorsCursorIsRefused() {
        UUID calm = fixtures.vendor();
        lot(fixtures.product(calm, "Kale", ProductStatus.ACTIVE), 50, 0, 5);
        UUID busy = fixtures.vendor();
        UUID product = fixtures.product(busy, "Leeks", ProductStatus.ACTIVE);
        lot(product, 0, 0, 5);
        lot(product, 1, 0, 5);
        String busyCursor =
                inventory.listLowStock(busy, PageRequest.first(1)).nextCursor().orElseThrow();

        assertThat(inventory.listLowStock(calm, PageRequest.first(10)).items()).isEmpty();
        assertThatThrownBy(() -> inventory.listLowStock(calm, PageRequest.after(busyCursor, 10)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("cursor"));
    }
}
