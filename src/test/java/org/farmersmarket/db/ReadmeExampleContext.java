package org.farmersmarket.db;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.math.BigDecimal;
import java.util.UUID;
import javax.sql.DataSource;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;

/**
 * The variables README examples may use, backed by rows in the test database: a vendor with an active product
 * (no stock yet), a category and a customer.
 */
public record ReadmeExampleContext(
        FarmersMarketDb market,
        DataSource dataSource,
        DSLContext dsl,
        UUID vendorId,
        UUID categoryId,
        UUID customerId,
        UUID productId) {

    static ReadmeExampleContext create(TestDatabase database) {
        DSLContext dsl = database.dsl();
        UUID owner = dsl.insertInto(USERS)
                .set(USERS.EMAIL, "readme-vendor@example.org")
                .set(USERS.ROLE, UserRole.VENDOR)
                .returning(USERS.ID)
                .fetchSingle(USERS.ID);
        UUID customer = dsl.insertInto(USERS)
                .set(USERS.EMAIL, "readme-customer@example.org")
                .returning(USERS.ID)
                .fetchSingle(USERS.ID);
        UUID vendor = dsl.insertInto(VENDOR_PROFILES)
                .set(VENDOR_PROFILES.USER_ID, owner)
                .set(VENDOR_PROFILES.BUSINESS_NAME, "Readme Farm")
                .set(VENDOR_PROFILES.SLUG, "readme-farm")
                .returning(VENDOR_PROFILES.ID)
                .fetchSingle(VENDOR_PROFILES.ID);
        UUID category = dsl.insertInto(CATEGORIES)
                .set(CATEGORIES.NAME, "Readme Greens")
                .set(CATEGORIES.SLUG, "readme-greens")
                .returning(CATEGORIES.ID)
                .fetchSingle(CATEGORIES.ID);
        UUID product = dsl.insertInto(PRODUCTS)
                .set(PRODUCTS.VENDOR_ID, vendor)
                .set(PRODUCTS.CATEGORY_ID, category)
                .set(PRODUCTS.NAME, "Readme Kale")
                .set(PRODUCTS.SLUG, "readme-kale")
                .set(PRODUCTS.PRICE, new BigDecimal("3.00"))
                .set(PRODUCTS.STATUS, ProductStatus.ACTIVE)
                .returning(PRODUCTS.ID)
                .fetchSingle(PRODUCTS.ID);
        return new ReadmeExampleContext(
                FarmersMarketDb.using(database.dataSource()),
                // The README's "dataSource" also migrates (its examples run Flyway): the owner's, not the
                // application's.
                database.adminDataSource(),
                dsl,
                vendor,
                category,
                customer,
                product);
    }
}
