package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.UUID;
import org.farmersmarket.db.Money;
import org.jooq.DSLContext;

/** Rows the catalog tests need around the rows under test; every call makes unique slugs and e-mails. */
final class CatalogFixtures {

    private final DSLContext dsl;

    CatalogFixtures(DSLContext dsl) {
        this.dsl = dsl;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    UUID user() {
        return dsl.insertInto(USERS)
                .set(USERS.EMAIL, unique("user") + "@example.org")
                .returningResult(USERS.ID)
                .fetchSingle()
                .value1();
    }

    UUID vendor() {
        return dsl.insertInto(VENDOR_PROFILES)
                .set(VENDOR_PROFILES.USER_ID, user())
                .set(VENDOR_PROFILES.BUSINESS_NAME, "Green Acres")
                .set(VENDOR_PROFILES.SLUG, unique("green-acres"))
                .returningResult(VENDOR_PROFILES.ID)
                .fetchSingle()
                .value1();
    }

    UUID category() {
        return category(null);
    }

    UUID category(UUID parentId) {
        return dsl.insertInto(CATEGORIES)
                .set(CATEGORIES.PARENT_ID, parentId)
                .set(CATEGORIES.NAME, "Vegetables")
                .set(CATEGORIES.SLUG, unique("vegetables"))
                .returningResult(CATEGORIES.ID)
                .fetchSingle()
                .value1();
    }

    Product product(UUID vendorId, UUID categoryId, String price) {
        return new ProductRepository(dsl)
                .create(NewProduct.draft(vendorId, categoryId, "Carrots", unique("carrots"), Money.of(price, "USD")));
    }

    Product product() {
        return product(vendor(), category(), "2.50");
    }

    void stock(UUID productId, int onHand, int reserved) {
        dsl.insertInto(INVENTORY_ITEMS)
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
