package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.InvalidStateTransitionException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.internal.Work;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Products: creating and changing them, finding them, searching and listing them, and the product page.
 *
 * <p>Status rules: any status may change to any other, except that {@link ProductStatus#archived} is final. An
 * archived product can still get a new price or description, but a change of its status to anything but archived
 * is an {@link InvalidStateTransitionException}. {@link #archive} is idempotent.
 */
public final class ProductRepository {

    /** The most reviews {@link #findDetail} returns. */
    public static final int MAX_LATEST_REVIEWS = 50;

    private static final Statement<UUID, Product> BY_ID = Statement.of(
            Reading.DRIVER,
            (Inputs<UUID> id) -> productWhere(PRODUCTS.ID.eq(id.value(it -> it, PRODUCTS.ID))),
            CatalogRows::product);
    private static final Statement<String, Product> BY_SLUG = Statement.of(
            Reading.DRIVER,
            (Inputs<String> slug) -> productWhere(PRODUCTS.SLUG.eq(slug.value(it -> it, PRODUCTS.SLUG))),
            CatalogRows::product);
    private static final Statement<ProductDetailQuery.Request, ProductDetail> DETAIL = ProductDetailQuery.create();

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public ProductRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Creates a product. One statement, in a transaction of its own so that a lost commit is resolved (see {@link
     * org.farmersmarket.db.FarmersMarketDb}).
     *
     * @param product the product to create, already validated by its constructor
     * @return the stored product, with its id and timestamps
     * @throws InvalidInputException if {@code product} is null
     * @throws DuplicateException with rule {@code products_slug_key} if another product has the slug
     * @throws NotFoundException if the vendor or the category does not exist
     */
    public Product create(NewProduct product) {
        Arguments.required(product, "product");
        return Work.write(
                dsl,
                tx -> tx.insertInto(PRODUCTS)
                        .set(PRODUCTS.VENDOR_ID, product.vendorId())
                        .set(PRODUCTS.CATEGORY_ID, product.categoryId())
                        .set(PRODUCTS.NAME, product.name())
                        .set(PRODUCTS.SLUG, product.slug())
                        .set(PRODUCTS.DESCRIPTION, product.description().orElse(null))
                        .set(PRODUCTS.PRICE, product.price().amount())
                        .set(PRODUCTS.CURRENCY, product.price().currency())
                        .set(PRODUCTS.UNIT, product.unit())
                        .set(PRODUCTS.STATUS, product.status())
                        .set(PRODUCTS.IS_ORGANIC, product.organic())
                        .returningResult(CatalogRows.PRODUCT_COLUMNS)
                        .fetchSingle(ResultRow.mapping(CatalogRows::product)));
    }

    /**
     * Changes a product's price, description and/or status; absent changes leave the field as it is. One round
     * trip; a second one only to tell why nothing was updated.
     *
     * @param productId the product
     * @param changes what to change; {@link ProductChanges#none()} changes nothing and returns the product
     * @return the product after the change
     * @throws InvalidInputException if an argument is null
     * @throws NotFoundException if the product does not exist
     * @throws InvalidStateTransitionException if the product is archived and the change would un-archive it
     */
    public Product update(UUID productId, ProductChanges changes) {
        Arguments.required(productId, "productId");
        Arguments.required(changes, "changes");
        if (changes.isEmpty()) {
            return findById(productId).orElseThrow(() -> new NotFoundException(Entity.PRODUCT, productId));
        }
        return Work.write(
                dsl,
                tx -> tx.update(PRODUCTS)
                        .set(assignments(changes))
                        .where(PRODUCTS.ID.eq(productId))
                        .and(statusChangeAllowed(changes))
                        .returningResult(CatalogRows.PRODUCT_COLUMNS)
                        .fetchOptional(ResultRow.mapping(CatalogRows::product))
                        .orElseThrow(() -> whyNotUpdated(tx, productId, changes)));
    }

    /**
     * Archives a product: it leaves the storefront for good but stays referenced by orders and stock history.
     * Archiving an archived product changes nothing and returns it. One round trip; a second one when the product
     * was already archived or does not exist.
     *
     * @param productId the product
     * @return the archived product
     * @throws InvalidInputException if {@code productId} is null
     * @throws NotFoundException if the product does not exist
     */
    public Product archive(UUID productId) {
        Arguments.required(productId, "productId");
        return Work.write(
                        dsl,
                        tx -> tx.update(PRODUCTS)
                                .set(PRODUCTS.STATUS, ProductStatus.ARCHIVED)
                                .where(PRODUCTS.ID.eq(productId))
                                // Skipping archived rows keeps a repeated archive from touching updated_at.
                                .and(PRODUCTS.STATUS.ne(ProductStatus.ARCHIVED))
                                .returningResult(CatalogRows.PRODUCT_COLUMNS)
                                .fetchOptional(ResultRow.mapping(CatalogRows::product)))
                .or(() -> findById(productId))
                .orElseThrow(() -> new NotFoundException(Entity.PRODUCT, productId));
    }

    /**
     * Finds a product by id. One round trip.
     *
     * @param productId the product's id
     * @return the product, or empty if there is none with this id
     * @throws InvalidInputException if {@code productId} is null
     */
    public Optional<Product> findById(UUID productId) {
        Arguments.required(productId, "productId");
        return Work.read(() -> BY_ID.fetchOptional(dsl, productId));
    }

    /**
     * Finds a product by slug. One round trip.
     *
     * @param slug the product's slug
     * @return the product, or empty if there is none with this slug
     * @throws InvalidInputException if {@code slug} is null or blank
     */
    public Optional<Product> findBySlug(String slug) {
        Arguments.notBlankText(slug, "slug", NewProduct.MAX_SLUG_LENGTH);
        return Work.read(() -> BY_SLUG.fetchOptional(dsl, slug));
    }

    /**
     * Lists the products that match every filter of {@code search}, in its order, one keyset page at a time. A
     * category filter includes all its subcategories; a category id that does not exist matches nothing. One round
     * trip.
     *
     * <p>Pass the same search with each next page's cursor: a cursor stands for a position in one sort order, and
     * a cursor from another sort order is refused.
     *
     * @param search the filters and the order
     * @param page the page size and the cursor of the previous page, if any
     * @return the page, with a cursor for the next one unless it is the last
     * @throws InvalidInputException if an argument is null, or the cursor is malformed or from another sort order
     */
    public Page<ProductSummary> search(ProductSearch search, PageRequest page) {
        Arguments.required(search, "search");
        Arguments.required(page, "page");
        var query = new ProductSearchQuery(search);
        return Work.read(() -> query.fetch(dsl, page));
    }

    /**
     * Reads a product page: the product, its vendor, its category breadcrumbs, its available stock, its rating
     * statistics and its newest reviews. One round trip.
     *
     * @param productId the product
     * @param latestReviews how many of its newest reviews to include, 0 to {@value #MAX_LATEST_REVIEWS}
     * @return the product page, or empty if there is no such product
     * @throws InvalidInputException if {@code productId} is null or {@code latestReviews} out of range
     */
    public Optional<ProductDetail> findDetail(UUID productId, int latestReviews) {
        Arguments.required(productId, "productId");
        Arguments.between(latestReviews, 0, MAX_LATEST_REVIEWS, "latestReviews");
        return Work.read(() -> DETAIL.fetchOptional(dsl, new ProductDetailQuery.Request(productId, latestReviews)));
    }

    /**
     * Lists a vendor's products in every status, newest first, one keyset page at a time, along the index on
     * {@code (vendor_id, created_at DESC, id DESC)}. One round trip; a second one only when the page is empty, to
     * tell an unknown vendor from one without (more) products.
     *
     * @param vendorId the vendor
     * @param page the page size and the cursor of the previous page, if any
     * @throws InvalidInputException if an argument is null or the cursor is malformed
     * @throws NotFoundException if the vendor does not exist
     */
    public Page<Product> listForVendor(UUID vendorId, PageRequest page) {
        Arguments.required(vendorId, "vendorId");
        Arguments.required(page, "page");
        String listing = "vendor-products/" + vendorId;
        Condition after = Keyset.decode(page, listing, 2)
                .map(cursor -> DSL.row(PRODUCTS.CREATED_AT, PRODUCTS.ID).lt(cursor.instant(0), cursor.uuid(1)))
                .orElse(DSL.noCondition());
        return Work.read(() -> {
            List<Product> rows = dsl.select(CatalogRows.PRODUCT_COLUMNS)
                    .from(PRODUCTS)
                    .where(PRODUCTS.VENDOR_ID.eq(vendorId))
                    .and(after)
                    .orderBy(PRODUCTS.CREATED_AT.desc(), PRODUCTS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(ResultRow.mapping(CatalogRows::product));
            if (rows.isEmpty() && !dsl.fetchExists(VENDOR_PROFILES, VENDOR_PROFILES.ID.eq(vendorId))) {
                throw new NotFoundException(Entity.VENDOR, vendorId);
            }
            return Keyset.page(rows, page, product -> Keyset.encode(listing, product.createdAt(), product.id()));
        });
    }

    private static ResultQuery<?> productWhere(Condition condition) {
        return DSL.select(CatalogRows.PRODUCT_COLUMNS).from(PRODUCTS).where(condition);
    }

    private static Map<Field<?>, Object> assignments(ProductChanges changes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        changes.price().ifPresent(price -> {
            values.put(PRODUCTS.PRICE, price.amount());
            values.put(PRODUCTS.CURRENCY, price.currency());
        });
        changes.description().ifPresent(text -> values.put(PRODUCTS.DESCRIPTION, text.isBlank() ? null : text));
        changes.status().ifPresent(status -> values.put(PRODUCTS.STATUS, status));
        return values;
    }

    /** Archived is final: only a change that keeps it archived may touch an archived product's status. */
    private static Condition statusChangeAllowed(ProductChanges changes) {
        return changes.status()
                .filter(status -> status != ProductStatus.ARCHIVED)
                .map(status -> PRODUCTS.STATUS.ne(ProductStatus.ARCHIVED))
                .orElse(DSL.trueCondition());
    }

    private static RuntimeException whyNotUpdated(DSLContext tx, UUID productId, ProductChanges changes) {
        Optional<ProductStatus> current = tx.select(PRODUCTS.STATUS)
                .from(PRODUCTS)
                .where(PRODUCTS.ID.eq(productId))
                .fetchOptional(Record1::value1);
        if (current.isEmpty()) {
            return new NotFoundException(Entity.PRODUCT, productId);
        }
        return new InvalidStateTransitionException(
                Entity.PRODUCT, productId, current.get(), changes.status().orElseThrow());
    }
}
