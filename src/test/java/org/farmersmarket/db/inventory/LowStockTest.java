package org.farmersmarket.db.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
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
        UUID lot = inventory.addItem(fixtures.lot(product, threshold, null)).id();
        if (onHand > 0) {
            inventory.restock(lot, onHand, user, null);
        }
        if (reserved > 0) {
            inventory.reserve(product, reserved, fixtures.order(), user);
        }
        return lot;
    }

    @Test
    void lowStock_listsExactlyTheVendorsShortLots_shortestFirst() {
        UUID vendor = fixtures.vendor();
        UUID apples = fixtures.product(vendor, "Apples", ProductStatus.active);
        UUID beans = fixtures.product(vendor, "Beans", ProductStatus.draft);
        UUID corn = fixtures.product(vendor, "Corn", ProductStatus.inactive);
        UUID applesShort = lot(apples, 2, 0, 5);
        lot(apples, 10, 0, 5);
        UUID applesAtThreshold = lot(apples, 5, 0, 5);
        UUID beansEmpty = lot(beans, 0, 0, 5);
        UUID cornMostlyReserved = lot(corn, 8, 6, 4);
        lot(corn, 3, 0, 0);

        var report = inventory.lowStock(vendor);

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
        UUID kept = lot(fixtures.product(vendor, "Kale", ProductStatus.active), 1, 0, 5);
        lot(fixtures.product(vendor, "Leeks", ProductStatus.archived), 0, 0, 5);
        UUID others = lot(fixtures.product(otherVendor, "Kale", ProductStatus.active), 0, 0, 5);

        assertThat(inventory.lowStock(vendor))
                .extracting(LowStockItem::inventoryItemId)
                .containsExactly(kept);
        assertThat(inventory.lowStock(otherVendor))
                .extracting(LowStockItem::inventoryItemId)
                .containsExactly(others);
    }

    @Test
    void lowStock_ofAVendorWithoutShortLots_isEmpty() {
        UUID vendor = fixtures.vendor();
        lot(fixtures.product(vendor, "Onions", ProductStatus.active), 20, 0, 5);

        assertThat(inventory.lowStock(vendor)).isEmpty();
        assertThat(inventory.lowStock(fixtures.vendor())).isEmpty();
    }

    @Test
    void lowStock_ofUnknownVendor_throwsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> inventory.lowStock(unknown)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("vendor");
            assertThat(e.key()).isEqualTo(unknown.toString());
        });
    }

    @Test
    void lowStock_withoutVendor_throwsInvalidInput() {
        assertThatThrownBy(() -> inventory.lowStock(null)).isInstanceOf(InvalidInputException.class);
    }
}
