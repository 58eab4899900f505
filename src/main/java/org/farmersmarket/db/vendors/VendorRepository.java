package org.farmersmarket.db.vendors;

import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Work;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Vendor profiles: the businesses that sell in the shop. A user may run several; products belong to a vendor. A
 * vendor's products are listed by {@code products().listForVendor}.
 */
public final class VendorRepository {

    private static final List<Field<?>> COLUMNS = List.of(
            VENDOR_PROFILES.ID,
            VENDOR_PROFILES.USER_ID,
            VENDOR_PROFILES.BUSINESS_NAME,
            VENDOR_PROFILES.SLUG,
            VENDOR_PROFILES.DESCRIPTION,
            VENDOR_PROFILES.CONTACT_EMAIL,
            VENDOR_PROFILES.PHONE,
            VENDOR_PROFILES.CITY,
            VENDOR_PROFILES.REGION,
            VENDOR_PROFILES.POSTAL_CODE,
            VENDOR_PROFILES.IS_VERIFIED,
            VENDOR_PROFILES.CREATED_AT,
            VENDOR_PROFILES.UPDATED_AT);

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public VendorRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Creates a vendor profile, not verified. The user's role is left as it is ({@code users().changeRole} gives
     * them {@code VENDOR}). One round trip.
     *
     * @return the stored vendor
     * @throws InvalidInputException if {@code vendor} is null
     * @throws NotFoundException if the user does not exist
     * @throws DuplicateException with rule {@code vendor_profiles_slug_key} if the slug is taken
     */
    public Vendor create(NewVendor vendor) {
        Arguments.required(vendor, "vendor");
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(VENDOR_PROFILES.USER_ID, vendor.userId());
        values.put(VENDOR_PROFILES.BUSINESS_NAME, vendor.businessName());
        values.put(VENDOR_PROFILES.SLUG, vendor.slug());
        values.putAll(details(vendor.details()));
        return Work.write(
                dsl,
                tx -> tx.insertInto(VENDOR_PROFILES)
                        .set(values)
                        .returningResult(COLUMNS)
                        .fetchSingle(ResultRow.mapping(VendorRepository::vendor)));
    }

    /**
     * Finds a vendor by id. One round trip.
     *
     * @throws InvalidInputException if {@code vendorId} is null
     */
    public Optional<Vendor> findById(UUID vendorId) {
        Arguments.required(vendorId, "vendorId");
        return Work.read(() -> select(VENDOR_PROFILES.ID.eq(vendorId)));
    }

    /**
     * Finds a vendor by slug. One round trip.
     *
     * @throws InvalidInputException if {@code slug} is null or blank
     */
    public Optional<Vendor> findBySlug(String slug) {
        Arguments.notBlankText(slug, "slug", NewVendor.MAX_SLUG_LENGTH);
        return Work.read(() -> select(VENDOR_PROFILES.SLUG.eq(slug)));
    }

    /**
     * Changes a vendor's profile; empty changes change nothing and return the vendor as stored. One round trip.
     *
     * @return the vendor as changed
     * @throws InvalidInputException if an argument is null
     * @throws NotFoundException if the vendor does not exist
     */
    public Vendor update(UUID vendorId, VendorChanges changes) {
        Arguments.required(vendorId, "vendorId");
        Arguments.required(changes, "changes");
        if (changes.isEmpty()) {
            return findById(vendorId).orElseThrow(() -> new NotFoundException(Entity.VENDOR, vendorId));
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        changes.businessName().ifPresent(name -> values.put(VENDOR_PROFILES.BUSINESS_NAME, name));
        values.putAll(details(changes.details()));
        return Work.write(dsl, tx -> updated(tx, vendorId, values));
    }

    /**
     * Marks a vendor verified by the shop; verifying a verified vendor changes nothing. One round trip.
     *
     * @return the vendor, verified
     * @throws InvalidInputException if {@code vendorId} is null
     * @throws NotFoundException if the vendor does not exist
     */
    public Vendor verify(UUID vendorId) {
        Arguments.required(vendorId, "vendorId");
        return Work.write(dsl, tx -> updated(tx, vendorId, Map.of(VENDOR_PROFILES.IS_VERIFIED, true)));
    }

    /**
     * Lists every vendor by slug, one keyset page at a time, along the slug's unique index. One round trip.
     *
     * @throws InvalidInputException if {@code page} is null or its cursor is malformed
     */
    public Page<Vendor> list(PageRequest page) {
        return list(DSL.noCondition(), "vendors", page);
    }

    /**
     * Lists the verified vendors by slug, one keyset page at a time, along a partial index of verified slugs (so a
     * page reads only verified vendors however many are not). One round trip.
     *
     * @throws InvalidInputException if {@code page} is null or its cursor is malformed
     */
    public Page<Vendor> listVerified(PageRequest page) {
        return list(VENDOR_PROFILES.IS_VERIFIED.isTrue(), "vendors/verified", page);
    }

    private Page<Vendor> list(Condition filter, String listing, PageRequest page) {
        Arguments.required(page, "page");
        Condition after = Keyset.decode(page, listing, 1)
                .map(cursor -> VENDOR_PROFILES.SLUG.gt(cursor.text(0)))
                .orElse(DSL.noCondition());
        List<Vendor> rows = Work.read(() -> dsl.select(COLUMNS)
                .from(VENDOR_PROFILES)
                .where(filter)
                .and(after)
                .orderBy(VENDOR_PROFILES.SLUG)
                .limit(page.limit() + 1)
                .fetch(ResultRow.mapping(VendorRepository::vendor)));
        return Keyset.page(rows, page, vendor -> Keyset.encode(listing, vendor.slug()));
    }

    private Optional<Vendor> select(Condition condition) {
        return dsl.select(COLUMNS)
                .from(VENDOR_PROFILES)
                .where(condition)
                .fetchOptional(ResultRow.mapping(VendorRepository::vendor));
    }

    private static Vendor updated(DSLContext tx, UUID vendorId, Map<Field<?>, Object> values) {
        return tx.update(VENDOR_PROFILES)
                .set(values)
                .where(VENDOR_PROFILES.ID.eq(vendorId))
                .returningResult(COLUMNS)
                .fetchOptional(ResultRow.mapping(VendorRepository::vendor))
                .orElseThrow(() -> new NotFoundException(Entity.VENDOR, vendorId));
    }

    /** The present details as column values, a blank one as NULL. */
    private static Map<Field<?>, Object> details(VendorDetails details) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        put(values, VENDOR_PROFILES.DESCRIPTION, details.description());
        put(values, VENDOR_PROFILES.CONTACT_EMAIL, details.contactEmail());
        put(values, VENDOR_PROFILES.PHONE, details.phone());
        put(values, VENDOR_PROFILES.CITY, details.city());
        put(values, VENDOR_PROFILES.REGION, details.region());
        put(values, VENDOR_PROFILES.POSTAL_CODE, details.postalCode());
        return values;
    }

    private static void put(Map<Field<?>, Object> values, TableField<?, String> column, Optional<String> value) {
        value.ifPresent(text -> values.put(column, text.isBlank() ? null : text));
    }

    private static Vendor vendor(ResultRow row) {
        return new Vendor(
                row.get(VENDOR_PROFILES.ID),
                row.get(VENDOR_PROFILES.USER_ID),
                row.get(VENDOR_PROFILES.BUSINESS_NAME),
                row.get(VENDOR_PROFILES.SLUG),
                Optional.ofNullable(row.get(VENDOR_PROFILES.DESCRIPTION)),
                Optional.ofNullable(row.get(VENDOR_PROFILES.CONTACT_EMAIL)),
                Optional.ofNullable(row.get(VENDOR_PROFILES.PHONE)),
                Optional.ofNullable(row.get(VENDOR_PROFILES.CITY)),
                Optional.ofNullable(row.get(VENDOR_PROFILES.REGION)),
                Optional.ofNullable(row.get(VENDOR_PROFILES.POSTAL_CODE)),
                row.get(VENDOR_PROFILES.IS_VERIFIED),
                row.get(VENDOR_PROFILES.CREATED_AT),
                row.get(VENDOR_PROFILES.UPDATED_AT));
    }
}
