package org.farmersmarket.db.testing;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.jooq.tables.records.UsersRecord;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;

/**
 * Inserts the parent rows that most repository tests need around the rows under test (users, vendor profiles,
 * categories and products), straight into the tables with jOOQ, so that a test does not depend on the code it
 * checks to build its surroundings.
 *
 * <p>Every call makes a new row with a unique e-mail address or slug, because the tests of a class share one
 * database (see {@link MigratedDatabase}). Columns a method does not take keep their database defaults. Each
 * method returns the new row's id.
 *
 * <pre>{@code
 * DomainRows rows = new DomainRows(db.dsl());
 * UUID vendor = rows.vendor();
 * UUID product = rows.product(vendor, rows.category(), "Carrots", "2.50", "USD", ProductStatus.ACTIVE);
 * }</pre>
 */
public final class DomainRows {

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to insert with; pass a transaction's context to insert within that transaction
     */
    public DomainRows(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    /**
     * A text that no other call returns: the prefix, a dash and eight random lower-case hex digits. Fit for a slug
     * if the prefix is one.
     *
     * @param prefix what the text starts with, to tell the rows apart when reading a failure
     */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A unique e-mail address in the {@code example.org} domain. */
    public static String uniqueEmail() {
        return unique("user") + "@example.org";
    }

    /** A user with a {@linkplain #uniqueEmail() unique e-mail address} and the default role, customer. */
    public UUID user() {
        return user(null);
    }

    /**
     * A user with a {@linkplain #uniqueEmail() unique e-mail address} and the given role.
     *
     * @param role the user's role, or null for the column default (customer)
     */
    public UUID user(UserRole role) {
        InsertSetMoreStep<UsersRecord> insert = dsl.insertInto(USERS).set(USERS.EMAIL, uniqueEmail());
        if (role != null) {
            insert = insert.set(USERS.ROLE, role);
        }
        return insert.returning(USERS.ID).fetchSingle(USERS.ID);
    }

    /**
     * The vendor profile of an existing user: business name "Green Acres" and a unique slug.
     *
     * @param userId the user the profile belongs to; a user has at most one profile
     * @return the id of the vendor profile, which products refer to as their vendor
     */
    public UUID vendorProfile(UUID userId) {
        return dsl.insertInto(VENDOR_PROFILES)
                .set(VENDOR_PROFILES.USER_ID, userId)
                .set(VENDOR_PROFILES.BUSINESS_NAME, "Green Acres")
                .set(VENDOR_PROFILES.SLUG, unique("green-acres"))
                .returning(VENDOR_PROFILES.ID)
                .fetchSingle(VENDOR_PROFILES.ID);
    }

    /**
     * A vendor profile of a {@linkplain #user() new user} (whose role stays the default).
     *
     * @return the id of the vendor profile, which products refer to as their vendor
     */
    public UUID vendor() {
        return vendorProfile(user());
    }

    /** A top-level category "Vegetables" with a unique slug. */
    public UUID category() {
        return category(null);
    }

    /**
     * A category "Vegetables" with a unique slug.
     *
     * @param parentId the parent category, or null for a top-level one
     */
    public UUID category(UUID parentId) {
        return dsl.insertInto(CATEGORIES)
                .set(CATEGORIES.PARENT_ID, parentId)
                .set(CATEGORIES.NAME, "Vegetables")
                .set(CATEGORIES.SLUG, unique("vegetables"))
                .returning(CATEGORIES.ID)
                .fetchSingle(CATEGORIES.ID);
    }

    /**
     * A product with a unique slug; see {@link #product(UUID, UUID, String, BigDecimal, String, ProductStatus)}.
     *
     * @param price the price as decimal text, such as {@code "2.50"}
     */
    public UUID product(
            UUID vendorId, UUID categoryId, String name, String price, String currency, ProductStatus status) {
        return product(vendorId, categoryId, name, new BigDecimal(price), currency, status);
    }

    /**
     * A product with a unique slug; its unit, description and organic flag keep their defaults.
     *
     * @param vendorId the vendor profile that sells it
     * @param categoryId its category
     * @param name its name (need not be unique)
     * @param price its price, at most two decimal places
     * @param currency its ISO 4217 currency code, such as {@code "USD"}
     * @param status its publication status
     */
    public UUID product(
            UUID vendorId, UUID categoryId, String name, BigDecimal price, String currency, ProductStatus status) {
        return dsl.insertInto(PRODUCTS)
                .set(PRODUCTS.VENDOR_ID, vendorId)
                .set(PRODUCTS.CATEGORY_ID, categoryId)
                .set(PRODUCTS.NAME, name)
                .set(PRODUCTS.SLUG, unique("product"))
                .set(PRODUCTS.PRICE, price)
                .set(PRODUCTS.CURRENCY, currency)
                .set(PRODUCTS.STATUS, status)
                .returning(PRODUCTS.ID)
                .fetchSingle(PRODUCTS.ID);
    }
}
