package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.testing.DomainRows.unique;

import java.util.UUID;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.testing.AsOwner;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;

/**
 * Rows the catalog tests need around the rows under test; every call makes unique slugs and e-mails. The parent
 * rows come from {@link DomainRows}; products go through the {@link ProductRepository}, so that tests get the
 * {@link Product} it returns.
 */
final class CatalogFixtures {

    private final DSLContext dsl;
    private final DSLContext owner;
    private final DomainRows rows;

    CatalogFixtures(TestDatabase db) {
        this.dsl = db.dsl();
        this.owner = AsOwner.dsl(db);
        this.rows = new DomainRows(dsl);
    }

    UUID user() {
        return rows.user();
    }

    UUID vendor() {
        return rows.vendor();
    }

    UUID category() {
        return rows.category();
    }

    UUID category(UUID parentId) {
        return rows.category(parentId);
    }

    Product product(UUID vendorId, UUID categoryId, String price) {
        return new ProductRepository(dsl)
                .create(NewProduct.draft(vendorId, categoryId, "Carrots", unique("carrots"), Money.of(price, "USD")));
    }

    Product product() {
        return product(vendor(), category(), "2.50");
    }

    /** A lot with stock but no history, as only the owner can write it: quicker than going through the ledger. */
    void stock(UUID productId, int onHand, int reserved) {
        owner.insertInto(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.PRODUCT_ID, productId)
                .set(INVENTORY_ITEMS.LOT_CODE, unique("lot"))
                .set(INVENTORY_ITEMS.QUANTITY_ON_HAND, onHand)
                .set(INVENTORY_ITEMS.QUANTITY_RESERVED, reserved)
                .execute();
    }

    /** A review by a new user, written directly so tests can rate a product without the repository. */
    void review(UUID productId, int rating) {
        dsl.insertInto(REVIEWS)
                .set(REVIEWS.PRODUCT_ID, productId)
                .set(REVIEWS.USER_ID, user())
                .set(REVIEWS.RATING, (short) rating)
                .execute();
    }
}
