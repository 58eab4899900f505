package org.farmersmarket.db.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;
import static org.farmersmarket.db.testing.DomainRows.unique;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.InvalidStateTransitionException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.ProductUnit;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class ProductRepositoryTest {

    private DSLContext dsl;
    private ProductRepository products;
    private CatalogFixtures fixtures;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        products = new ProductRepository(dsl);
        fixtures = new CatalogFixtures(db);
    }

    @Test
    void create_fromDraft_storesTheProductWithDefaults() {
        UUID vendor = fixtures.vendor();
        UUID category = fixtures.category();
        String slug = unique("heirloom-tomatoes");

        Product created =
                products.create(NewProduct.draft(vendor, category, "Heirloom Tomatoes", slug, Money.of("4.5", "USD")));

        assertThat(created.id()).isNotNull();
        assertThat(created.vendorId()).isEqualTo(vendor);
        assertThat(created.categoryId()).isEqualTo(category);
        assertThat(created.name()).isEqualTo("Heirloom Tomatoes");
        assertThat(created.slug()).isEqualTo(slug);
        assertThat(created.description()).isEmpty();
        assertThat(created.price()).isEqualTo(Money.of("4.50", "USD"));
        assertThat(created.unit()).isEqualTo(ProductUnit.EACH);
        assertThat(created.status()).isEqualTo(ProductStatus.DRAFT);
        assertThat(created.organic()).isFalse();
        assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
        assertThat(products.findById(created.id())).contains(created);
    }

    @Test
    void create_withEveryField_storesThemAll() {
        Product created = products.create(NewProduct.draft(
                        fixtures.vendor(), fixtures.category(), "Kale", unique("kale"), Money.of("3.00", "EUR"))
                .withDescription("Curly and green")
                .withUnit(ProductUnit.BUNCH)
                .withStatus(ProductStatus.ACTIVE)
                .withOrganic(true));

        assertThat(created.description()).contains("Curly and green");
        assertThat(created.price()).isEqualTo(Money.of("3.00", "EUR"));
        assertThat(created.unit()).isEqualTo(ProductUnit.BUNCH);
        assertThat(created.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(created.organic()).isTrue();
    }

    @Test
    void create_withDuplicateSlug_throwsDuplicateNamingProductsSlugKey() {
        Product existing = fixtures.product();
        NewProduct sameSlug = NewProduct.draft(
                fixtures.vendor(), fixtures.category(), "Other", existing.slug(), Money.of("1.00", "USD"));

        assertThatThrownBy(() -> products.create(sameSlug))
                .isInstanceOfSatisfying(
                        DuplicateException.class, e -> assertThat(e.rule()).isEqualTo("products_slug_key"))
                .hasMessageContaining(existing.slug());
    }

    @Test
    void create_withUnknownVendor_throwsNotFoundNamingIt() {
        UUID unknownVendor = UUID.randomUUID();
        NewProduct product =
                NewProduct.draft(unknownVendor, fixtures.category(), "Beets", unique("beets"), Money.of("1.00", "USD"));

        assertThatThrownBy(() -> products.create(product))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknownVendor.toString());
    }

    @Test
    void create_withUnknownCategory_throwsNotFoundNamingIt() {
        UUID unknownCategory = UUID.randomUUID();
        NewProduct product =
                NewProduct.draft(fixtures.vendor(), unknownCategory, "Beets", unique("beets"), Money.of("1.00", "USD"));

        assertThatThrownBy(() -> products.create(product))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknownCategory.toString());
    }

    @Test
    void create_withNull_throwsInvalidInput() {
        assertThatThrownBy(() -> products.create(null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("product"));
    }

    @Test
    void newProduct_withNegativePrice_throwsInvalidInputNamingPrice() {
        assertThatThrownBy(() -> NewProduct.draft(
                        UUID.randomUUID(), UUID.randomUUID(), "Beets", "beets", Money.of("-0.01", "USD")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("price"));
    }

    @Test
    void newProduct_withMalformedSlug_throwsInvalidInputNamingSlug() {
        assertThatThrownBy(() -> NewProduct.draft(
                        UUID.randomUUID(), UUID.randomUUID(), "Beets", "Red Beets", Money.of("1.00", "USD")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("slug"))
                .hasMessageContaining("Red Beets");
    }

    @Test
    void newProduct_withBlankName_throwsInvalidInputNamingName() {
        assertThatThrownBy(() ->
                        NewProduct.draft(UUID.randomUUID(), UUID.randomUUID(), "  ", "beets", Money.of("1.00", "USD")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("name"));
    }

    @Test
    void update_withPriceDescriptionAndStatus_changesAllThree() {
        Product product = fixtures.product();

        Product updated = products.update(
                product.id(),
                ProductChanges.none()
                        .withPrice(Money.of("3.75", "USD"))
                        .withDescription("Sweet orange roots")
                        .withStatus(ProductStatus.ACTIVE));

        assertThat(updated.price()).isEqualTo(Money.of("3.75", "USD"));
        assertThat(updated.description()).contains("Sweet orange roots");
        assertThat(updated.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(updated.name()).isEqualTo(product.name());
        assertThat(products.findById(product.id())).contains(updated);
    }

    @Test
    void update_withBlankDescription_removesTheDescription() {
        Product product =
                products.update(fixtures.product().id(), ProductChanges.none().withDescription("Fresh"));

        Product updated = products.update(product.id(), ProductChanges.none().withDescription(" "));

        assertThat(updated.description()).isEmpty();
    }

    @Test
    void update_withNoChanges_returnsTheProductUnchanged() {
        Product product = fixtures.product();

        assertThat(products.update(product.id(), ProductChanges.none())).isEqualTo(product);
    }

    @Test
    void update_ofUnknownProduct_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> products.update(unknown, ProductChanges.none().withStatus(ProductStatus.ACTIVE)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
        assertThatThrownBy(() -> products.update(unknown, ProductChanges.none()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void update_archivedProductBackToActive_throwsInvalidStateTransitionAndKeepsItArchived() {
        Product archived = products.archive(fixtures.product().id());

        assertThatThrownBy(() -> products.update(
                        archived.id(),
                        ProductChanges.none().withPrice(Money.of("9.99", "USD")).withStatus(ProductStatus.ACTIVE)))
                .isInstanceOfSatisfying(InvalidStateTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(ProductStatus.ARCHIVED);
                    assertThat(e.to()).isEqualTo(ProductStatus.ACTIVE);
                });
        assertThat(products.findById(archived.id())).contains(archived);
    }

    @Test
    void update_priceOfArchivedProduct_isAllowed() {
        Product archived = products.archive(fixtures.product().id());

        Product updated = products.update(archived.id(), ProductChanges.none().withPrice(Money.of("0.50", "USD")));

        assertThat(updated.price()).isEqualTo(Money.of("0.50", "USD"));
        assertThat(updated.status()).isEqualTo(ProductStatus.ARCHIVED);
    }

    @Test
    void archive_setsStatusArchived_andRepeatingItChangesNothing() {
        Product product =
                products.update(fixtures.product().id(), ProductChanges.none().withStatus(ProductStatus.ACTIVE));

        Product archived = products.archive(product.id());
        Product archivedAgain = products.archive(product.id());

        assertThat(archived.status()).isEqualTo(ProductStatus.ARCHIVED);
        assertThat(archivedAgain).isEqualTo(archived);
    }

    @Test
    void archive_ofUnknownProduct_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> products.archive(unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void findBySlug_returnsTheProduct_orEmptyForAnUnknownSlug() {
        Product product = fixtures.product();

        assertThat(products.findBySlug(product.slug())).contains(product);
        assertThat(products.findBySlug(unique("no-such-product"))).isEmpty();
    }

    @Test
    void findById_withUnknownId_returnsEmpty() {
        assertThat(products.findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void detail_returnsProductVendorBreadcrumbsStockRatingAndNewestReviews() {
        UUID vendor = fixtures.vendor();
        UUID root = fixtures.category();
        UUID middle = fixtures.category(root);
        UUID leaf = fixtures.category(middle);
        Product product = fixtures.product(vendor, leaf, "4.00");
        fixtures.stock(product.id(), 10, 3);
        fixtures.stock(product.id(), 5, 0);
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        review(product.id(), 5, now.minusSeconds(300));
        UUID newest = review(product.id(), 4, now);
        UUID middleAged = review(product.id(), 4, now.minusSeconds(60));

        ProductDetail detail = products.findDetail(product.id(), 2).orElseThrow();

        assertThat(detail.product()).isEqualTo(product);
        assertThat(detail.vendor().id()).isEqualTo(vendor);
        assertThat(detail.vendor().businessName()).isEqualTo("Green Acres");
        assertThat(detail.vendor().slug()).isEqualTo(vendorSlug(vendor));
        assertThat(detail.categoryPath()).extracting(Category::id).containsExactly(root, middle, leaf);
        assertThat(detail.categoryPath().get(0).parentId()).isEmpty();
        assertThat(detail.categoryPath().get(2).parentId()).contains(middle);
        assertThat(detail.availableStock()).isEqualTo(12);
        assertThat(detail.rating().average()).contains(new BigDecimal("4.33"));
        assertThat(detail.rating().count()).isEqualTo(3);
        assertThat(detail.rating().starCounts()).containsExactly(0, 0, 0, 2, 1);
        assertThat(detail.latestReviews()).extracting(Review::id).containsExactly(newest, middleAged);
        assertThat(detail.latestReviews().get(0).rating()).isEqualTo(4);
        assertThat(detail.latestReviews().get(0).createdAt()).isEqualTo(now);
    }

    @Test
    void detail_ofProductWithoutStockOrReviews_hasZerosAndEmptyLists() {
        UUID category = fixtures.category();
        Product product = fixtures.product(fixtures.vendor(), category, "1.00");

        ProductDetail detail = products.findDetail(product.id(), 5).orElseThrow();

        assertThat(detail.categoryPath()).extracting(Category::id).containsExactly(category);
        assertThat(detail.availableStock()).isZero();
        assertThat(detail.rating().average()).isEmpty();
        assertThat(detail.rating().count()).isZero();
        assertThat(detail.rating().starCounts()).containsExactly(0, 0, 0, 0, 0);
        assertThat(detail.latestReviews()).isEmpty();
    }

    @Test
    void detail_withNoReviewsAsked_listsNone_butStillCountsThem() {
        Product product = fixtures.product(fixtures.vendor(), fixtures.category(), "1.00");
        review(product.id(), 3, Instant.parse("2025-06-01T12:00:00Z"));

        ProductDetail detail = products.findDetail(product.id(), 0).orElseThrow();

        assertThat(detail.latestReviews()).isEmpty();
        assertThat(detail.rating().count()).isEqualTo(1);
    }

    @Test
    void findDetail_ofUnknownProduct_isEmpty() {
        assertThat(products.findDetail(UUID.randomUUID(), 3)).isEmpty();
    }

    @Test
    void detail_withTooManyLatestReviews_throwsInvalidInput() {
        assertThatThrownBy(() -> products.findDetail(UUID.randomUUID(), ProductRepository.MAX_LATEST_REVIEWS + 1)
                        .orElseThrow())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("latestReviews"));
    }

    private UUID review(UUID productId, int rating, Instant createdAt) {
        Review review = new ReviewRepository(dsl)
                .create(new NewReview(productId, fixtures.user(), rating, Optional.of("Nice"), Optional.empty()));
        dsl.update(REVIEWS)
                .set(REVIEWS.CREATED_AT, createdAt)
                .where(REVIEWS.ID.eq(review.id()))
                .execute();
        return review.id();
    }

    private String vendorSlug(UUID vendorId) {
        return dsl.select(VENDOR_PROFILES.SLUG)
                .from(VENDOR_PROFILES)
                .where(VENDOR_PROFILES.ID.eq(vendorId))
                .fetchSingle()
                .value1();
    }
}
