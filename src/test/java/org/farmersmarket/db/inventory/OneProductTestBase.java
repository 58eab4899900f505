package org.farmersmarket.db.inventory;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.farmersmarket.db.testing.AsOwner;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up that the inventory tests on the lots of one product share: before each test, a repository and
 * fixtures on the class's database, a new user who makes the stock changes and a new active product. A subclass's
 * own {@code @BeforeEach} methods run after this one and must not be named like it.
 */
@MigratedDatabase
abstract class OneProductTestBase {

    DSLContext dsl;
    /** The tables' owner, for tampering the application role cannot do. */
    DSLContext owner;

    InventoryRepository inventory;
    InventoryFixtures fixtures;
    UUID user;
    UUID product;

    /** What reconcile reports of these lots: tests tamper with their own lots only, and the database is shared. */
    List<ReconciliationMismatch> mismatchesOf(UUID... lots) {
        Set<UUID> mine = Set.of(lots);
        return inventory.reconcile().stream()
                .filter(mismatch -> mine.contains(mismatch.inventoryItemId()))
                .toList();
    }

    @BeforeEach
    void createUserAndProduct(TestDatabase db) {
        dsl = db.dsl();
        owner = AsOwner.dsl(db);
        inventory = new InventoryRepository(dsl);
        fixtures = new InventoryFixtures(dsl);
        user = fixtures.user();
        product = fixtures.product();
    }
}
