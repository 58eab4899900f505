package org.farmersmarket.db.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.testing.DomainRows.unique;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ProductRepository#search}: filters, sort orders and keyset paging; and the V6 search migration. */
@MigratedDatabase
class ProductSearchTest {

    private static final Instant BASE_TIME = Instant.parse("2025-05-01T08:00:00Z");

    /** Prices with repeats, so that every sort has ties for the id to break. */
    private static final List<String> PRICES =
            List.of("1.00", "2.50", "2.50", "2.50", "3.00", "0.99", "7.25", "2.50", "3.00", "10.00", "1.00");

    /** Ratings per product, with ties of the average and products without reviews. */
    private static final List<List<Integer>> RATINGS = List.of(
            List.of(5),
            List.of(4, 5),
            List.of(5, 4),
            List.of(),
            List.of(),
            List.of(3),
            List.of(1, 2),
            List.of(5),
            List.of(),
            List.of(2, 2, 3),
            List.of(4, 5));

    private TestDatabase db;
    private DSLContext dsl;
    private ProductRepository products;
    private CatalogFixtures fixtures;

    @BeforeEach
    void setUp(TestDatabase database) {
        db = database;
        dsl = database.dsl();
        products = new ProductRepository(dsl);
        fixtures = new CatalogFixtures(database);
    }

    @ParameterizedTest
    @EnumSource(ProductSort.class)
    void search_walkingEveryPage_returnsEachProductExactlyOnceInSortOrder(ProductSort sort) {
        UUID vendor = fixtures.vendor();
        List<UUID> created = createRatedProductsWithTies(vendor);
        ProductSearch search = ProductSearch.all().withVendor(vendor).sortedBy(sort);

        List<Page<ProductSummary>> pages = walk(search, 3);
        List<ProductSummary> rows =
                pages.stream().flatMap(page -> page.items().stream()).toList();

        assertThat(pages).hasSize(4);
        assertThat(pages.getLast().nextCursor()).isEmpty();
        assertThat(rows).extracting(ProductSummary::id).doesNotHaveDuplicates().hasSameElementsAs(created);
        assertThat(rows).isSortedAccordingTo(expectedOrder(sort));
    }

    @Test
    void search_withPageSizeOfAllRows_returnsOnePageWithoutCursor() {
        UUID vendor = fixtures.vendor();
        fixtures.product(vendor, fixtures.category(), "1.00");
        fixtures.product(vendor, fixtures.category(), "2.00");

        Page<ProductSummary> page = products.search(ProductSearch.all().withVendor(vendor), PageRequest.first(2));

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void search_rows_carryAverageRatingReviewCountAndStock() {
        UUID vendor = fixtures.vendor();
        Product product = fixtures.product(vendor, fixtures.category(), "2.00");
        fixtures.review(product.id(), 4);
        fixtures.review(product.id(), 5);
        fixtures.review(product.id(), 5);
        fixtures.stock(product.id(), 7, 2);

        ProductSummary row = products.search(ProductSearch.all().withVendor(vendor), PageRequest.first(10))
                .items()
                .getFirst();

        assertThat(row.id()).isEqualTo(product.id());
        assertThat(row.price()).isEqualTo(Money.of("2.00", "USD"));
        assertThat(row.averageRating()).contains(new BigDecimal("4.67"));
        assertThat(row.reviewCount()).isEqualTo(3);
        assertThat(row.availableStock()).isEqualTo(5);
    }

    @Test
    void search_byCategory_includesAllItsSubcategories() {
        UUID vendor = fixtures.vendor();
        UUID root = fixtures.category();
        UUID child = fixtures.category(root);
        UUID grandchild = fixtures.category(child);
        UUID otherRoot = fixtures.category();
        UUID inRoot = fixtures.product(vendor, root, "1.00").id();
        UUID inChild = fixtures.product(vendor, child, "1.00").id();
        UUID inGrandchild = fixtures.product(vendor, grandchild, "1.00").id();
        fixtures.product(vendor, otherRoot, "1.00");

        assertThat(ids(ProductSearch.all().withCategory(root)))
                .containsExactlyInAnyOrder(inRoot, inChild, inGrandchild);
        assertThat(ids(ProductSearch.all().withCategory(child))).containsExactlyInAnyOrder(inChild, inGrandchild);
        assertThat(ids(ProductSearch.all().withCategory(grandchild))).containsExactly(inGrandchild);
    }

    @Test
    void search_byUnknownCategory_returnsAnEmptyPage() {
        assertThat(ids(ProductSearch.all().withCategory(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void search_byText_findsProductsByDescriptionWithStemming() {
        UUID vendor = fixtures.vendor();
        UUID tomatoes = productWith(vendor, "Mixed Box", "Crunchy heirloom tomatoes from the valley");
        UUID kale = productWith(vendor, "Greens", "Fresh curly kale");
        productWith(vendor, "Eggs", null);

        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("tomato")))
                .containsExactly(tomatoes);
        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("kale"))).containsExactly(kale);
        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("tomatoes or kale")))
                .containsExactlyInAnyOrder(tomatoes, kale);
        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("\"heirloom tomatoes\" -kale")))
                .containsExactly(tomatoes);
        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("pumpkin")))
                .isEmpty();
    }

    @Test
    void search_byText_findsProductsByName() {
        UUID vendor = fixtures.vendor();
        UUID basil = productWith(vendor, "Purple Basil", null);
        productWith(vendor, "Green Beans", "Snappy");

        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("basil")))
                .containsExactly(basil);
    }

    @Test
    void search_byText_afterTheDescriptionChanged_findsTheNewText() {
        UUID vendor = fixtures.vendor();
        UUID product = productWith(vendor, "Mystery Box", "Seasonal surprise");

        products.update(product, ProductChanges.none().withDescription("Full of radishes"));

        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("radish")))
                .containsExactly(product);
        assertThat(ids(ProductSearch.all().withVendor(vendor).withText("surprise")))
                .isEmpty();
    }

    @Test
    void search_inStockOnly_returnsOnlyProductsWithAvailableStock() {
        UUID vendor = fixtures.vendor();
        UUID category = fixtures.category();
        UUID allReserved = fixtures.product(vendor, category, "1.00").id();
        fixtures.stock(allReserved, 5, 5);
        UUID twoLots = fixtures.product(vendor, category, "1.00").id();
        fixtures.stock(twoLots, 3, 1);
        fixtures.stock(twoLots, 0, 0);
        fixtures.product(vendor, category, "1.00");
        UUID oneLeft = fixtures.product(vendor, category, "1.00").id();
        fixtures.stock(oneLeft, 1, 0);

        List<ProductSummary> rows = products.search(
                        ProductSearch.all().withVendor(vendor).withInStockOnly(), PageRequest.first(10))
                .items();

        assertThat(rows).extracting(ProductSummary::id).containsExactlyInAnyOrder(twoLots, oneLeft);
        assertThat(rows)
                .filteredOn(row -> row.id().equals(twoLots))
                .singleElement()
                .extracting(ProductSummary::availableStock)
                .isEqualTo(2);
        assertThat(ids(ProductSearch.all().withVendor(vendor))).hasSize(4);
    }

    @Test
    void search_byPriceRangeAndStatus_appliesBothFilters() {
        UUID vendor = fixtures.vendor();
        UUID category = fixtures.category();
        fixtures.product(vendor, category, "1.99");
        UUID activeAtTwo = activate(fixtures.product(vendor, category, "2.00"));
        fixtures.product(vendor, category, "2.50");
        UUID activeAtThree = activate(fixtures.product(vendor, category, "3.00"));
        activate(fixtures.product(vendor, category, "3.01"));

        ProductSearch search = ProductSearch.all()
                .withVendor(vendor)
                .withStatus(ProductStatus.ACTIVE)
                .withPriceBetween(new BigDecimal("2.00"), new BigDecimal("3.00"));

        assertThat(ids(search)).containsExactlyInAnyOrder(activeAtTwo, activeAtThree);
    }

    @Test
    void search_withMalformedCursor_throwsInvalidInputNamingTheCursor() {
        assertThatThrownBy(() -> products.search(ProductSearch.all(), PageRequest.after("not a cursor!", 10)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("cursor"));
    }

    @Test
    void search_withCursorOfAnotherSortOrder_throwsInvalidInput() {
        UUID vendor = fixtures.vendor();
        fixtures.product(vendor, fixtures.category(), "1.00");
        fixtures.product(vendor, fixtures.category(), "2.00");
        ProductSearch byPrice = ProductSearch.all().withVendor(vendor).sortedBy(ProductSort.PRICE_ASC);
        String cursor =
                products.search(byPrice, PageRequest.first(1)).nextCursor().orElseThrow();

        assertThatThrownBy(() -> products.search(byPrice.sortedBy(ProductSort.RATING), PageRequest.after(cursor, 1)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("cursor"))
                .hasMessageContaining("RATING");
    }

    @Test
    void productSearch_withMinimumAboveMaximum_throwsInvalidInput() {
        assertThatThrownBy(() -> ProductSearch.all().withPriceBetween(new BigDecimal("5"), new BigDecimal("4")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("priceRange"));
    }

    @Test
    void productSearch_withBlankOrTooLongText_throwsInvalidInput() {
        assertThatThrownBy(() -> ProductSearch.all().withText(" "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("text"));
        assertThatThrownBy(() -> ProductSearch.all().withText("a".repeat(ProductSearch.MAX_TEXT_LENGTH + 1)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("text"));
    }

    @Test
    void productSearch_withNegativeMinimumPrice_throwsInvalidInput() {
        assertThatThrownBy(() -> ProductSearch.all().withPriceBetween(new BigDecimal("-1"), new BigDecimal("4")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("minPrice"));
    }

    @Test
    void migration_indexesTheGeneratedSearchVectorWithGin() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            String index = Sql.queryOne(
                    connection,
                    "SELECT indexdef FROM pg_indexes WHERE indexname = 'products_search_vector_idx'",
                    String.class);
            String generated = Sql.queryOne(
                    connection,
                    "SELECT is_generated FROM information_schema.columns"
                            + " WHERE table_name = 'products' AND column_name = 'search_vector'",
                    String.class);
            assertThat(index).contains("USING gin (search_vector)");
            assertThat(generated).isEqualTo("ALWAYS");
        }
    }

    private List<UUID> createRatedProductsWithTies(UUID vendor) {
        UUID category = fixtures.category();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < PRICES.size(); i++) {
            UUID id = fixtures.product(vendor, category, PRICES.get(i)).id();
            RATINGS.get(i).forEach(rating -> fixtures.review(id, rating));
            // Four distinct times for eleven products: the newest-first order must break ties by id.
            dsl.update(PRODUCTS)
                    .set(PRODUCTS.CREATED_AT, BASE_TIME.plusMillis(i % 4))
                    .where(PRODUCTS.ID.eq(id))
                    .execute();
            ids.add(id);
        }
        return ids;
    }

    private List<Page<ProductSummary>> walk(ProductSearch search, int pageSize) {
        List<Page<ProductSummary>> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<ProductSummary> page = products.search(search, new PageRequest(pageSize, cursor));
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor.isPresent() && pages.size() < 100);
        return pages;
    }

    /** The documented orders, with ids compared as PostgreSQL compares uuids (unsigned, byte by byte). */
    private static Comparator<ProductSummary> expectedOrder(ProductSort sort) {
        Comparator<ProductSummary> byId = Comparator.comparing(row -> row.id().toString());
        Comparator<ProductSummary> byPrice =
                Comparator.comparing(row -> row.price().amount());
        Comparator<ProductSummary> byRating =
                Comparator.comparing(row -> row.averageRating().orElse(BigDecimal.ZERO));
        return switch (sort) {
            case NEWEST ->
                Comparator.comparing(ProductSummary::createdAt)
                        .thenComparing(byId)
                        .reversed();
            case PRICE_ASC -> byPrice.thenComparing(byId);
            case PRICE_DESC -> byPrice.thenComparing(byId).reversed();
            case RATING -> byRating.reversed().thenComparing(byId);
        };
    }

    private List<UUID> ids(ProductSearch search) {
        return products.search(search, PageRequest.first(50)).items().stream()
                .map(ProductSummary::id)
                .toList();
    }

    private UUID productWith(UUID vendor, String name, String description) {
        return products.create(
                        NewProduct.draft(vendor, fixtures.category(), name, unique("product"), Money.of("1.00", "USD"))
                                .withDescription(description))
                .id();
    }

    private UUID activate(Product product) {
        return products.update(product.id(), ProductChanges.none().withStatus(ProductStatus.ACTIVE))
                .id();
    }
}
