package org.farmersmarket.db.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MigratedDatabase
class ReviewRepositoryTest {

    private DSLContext dsl;
    private ReviewRepository reviews;
    private CatalogFixtures fixtures;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        reviews = new ReviewRepository(dsl);
        fixtures = new CatalogFixtures(db);
    }

    @Test
    void add_storesTheReview() {
        UUID product = fixtures.product().id();
        UUID user = fixtures.user();

        Review review = reviews.create(
                new NewReview(product, user, 4, Optional.of("Lovely"), Optional.of("Sweet and crisp carrots.")));

        assertThat(review.id()).isNotNull();
        assertThat(review.productId()).isEqualTo(product);
        assertThat(review.userId()).isEqualTo(user);
        assertThat(review.rating()).isEqualTo(4);
        assertThat(review.title()).contains("Lovely");
        assertThat(review.body()).contains("Sweet and crisp carrots.");
        assertThat(review.createdAt()).isNotNull();
    }

    @Test
    void add_withBlankTitle_storesNoTitle() {
        Review review = reviews.create(
                new NewReview(fixtures.product().id(), fixtures.user(), 3, Optional.of("  "), Optional.empty()));

        assertThat(review.title()).isEmpty();
        assertThat(review.body()).isEmpty();
    }

    @Test
    void add_secondReviewOfTheSameUserAndProduct_throwsDuplicateNamingTheRule() {
        UUID product = fixtures.product().id();
        UUID user = fixtures.user();
        reviews.create(new NewReview(product, user, 5, Optional.empty(), Optional.empty()));

        assertThatThrownBy(() -> reviews.create(new NewReview(product, user, 1, Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(
                        DuplicateException.class,
                        e -> assertThat(e.rule()).isEqualTo("reviews_user_id_product_id_key"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1})
    void newReview_withRatingOutsideOneToFive_throwsInvalidInputBeforeTouchingTheDatabase(int rating) {
        // Ids that exist nowhere: a database round trip would have failed with NotFoundException instead.
        assertThatThrownBy(() -> reviews.create(new NewReview(
                        UUID.randomUUID(), UUID.randomUUID(), rating, Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("rating"))
                .hasMessageContaining(String.valueOf(rating));
    }

    @Test
    void add_forUnknownProduct_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() ->
                        reviews.create(new NewReview(unknown, fixtures.user(), 3, Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void add_byUnknownUser_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> reviews.create(
                        new NewReview(fixtures.product().id(), unknown, 3, Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void listForProduct_walkingEveryPage_returnsEachReviewOnceNewestFirst() {
        UUID product = fixtures.product().id();
        UUID otherProduct = fixtures.product().id();
        Instant base = Instant.parse("2025-04-01T10:00:00Z");
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Three distinct times for seven reviews: ties must be broken by id.
            written.add(review(product, 1 + i % 5, base.plusSeconds(i % 3)));
        }
        review(otherProduct, 5, base);

        List<Page<Review>> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Review> page = reviews.listForProduct(product, new PageRequest(3, cursor));
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor.isPresent() && pages.size() < 10);
        List<Review> rows =
                pages.stream().flatMap(page -> page.items().stream()).toList();

        assertThat(pages).hasSize(3);
        assertThat(rows).extracting(Review::id).doesNotHaveDuplicates().hasSameElementsAs(written);
        assertThat(rows)
                .isSortedAccordingTo(Comparator.comparing(Review::createdAt)
                        .thenComparing(review -> review.id().toString())
                        .reversed());
    }

    @Test
    void listForProduct_ofProductWithoutReviews_returnsAnEmptyPage() {
        Page<Review> page = reviews.listForProduct(fixtures.product().id(), PageRequest.first(10));

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void listForProduct_ofUnknownProduct_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> reviews.listForProduct(unknown, PageRequest.first(10)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void listForProduct_withMalformedCursor_throwsInvalidInputNamingTheCursor() {
        UUID product = fixtures.product().id();

        assertThatThrownBy(() -> reviews.listForProduct(product, PageRequest.after("garbage", 10)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("cursor"));
    }

    @Test
    void summary_countsReviewsPerStarAndAveragesThem() {
        UUID product = fixtures.product().id();
        fixtures.review(product, 5);
        fixtures.review(product, 5);
        fixtures.review(product, 4);
        fixtures.review(product, 1);

        RatingSummary summary = reviews.summary(product);

        assertThat(summary.average()).contains(new BigDecimal("3.75"));
        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.starCounts()).containsExactly(1, 0, 0, 1, 2);
        assertThat(summary.countOf(5)).isEqualTo(2);
    }

    @Test
    void summary_ofProductWithoutReviews_hasNoAverageAndZeroCounts() {
        RatingSummary summary = reviews.summary(fixtures.product().id());

        assertThat(summary.average()).isEmpty();
        assertThat(summary.count()).isZero();
        assertThat(summary.starCounts()).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void summary_ofUnknownProduct_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> reviews.summary(unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void ratingSummary_countOfAStarOutsideOneToFive_throwsInvalidInput() {
        RatingSummary summary = reviews.summary(fixtures.product().id());

        assertThatThrownBy(() -> summary.countOf(6))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("stars"));
    }

    private UUID review(UUID productId, int rating, Instant createdAt) {
        UUID id = reviews.create(new NewReview(productId, fixtures.user(), rating, Optional.empty(), Optional.empty()))
                .id();
        dsl.update(REVIEWS)
                .set(REVIEWS.CREATED_AT, createdAt)
                .where(REVIEWS.ID.eq(id))
                .execute();
        return id;
    }

    @Test
    void update_andDelete_byTheAuthorOnly() {
        UUID product = fixtures.product().id();
        UUID author = fixtures.user();
        UUID other = fixtures.user();
        Review review = reviews.create(new NewReview(product, author, 2, Optional.of("Meh"), Optional.of("Soft")));
        AuthorsReview byAuthor = new AuthorsReview(review.id(), author);

        Review changed =
                reviews.update(byAuthor, ReviewChanges.none().withRating(5).withTitle(" "));
        assertThat(changed.rating()).isEqualTo(5);
        assertThat(changed.title()).isEmpty();
        assertThat(changed.body()).contains("Soft");
        assertThat(reviews.update(byAuthor, ReviewChanges.none())).isEqualTo(changed);
        assertThat(reviews.summary(product).count()).isEqualTo(1);

        AuthorsReview byOther = new AuthorsReview(review.id(), other);
        assertThatThrownBy(() -> reviews.update(byOther, ReviewChanges.none().withRating(1)))
                .isInstanceOfSatisfying(
                        NotFoundException.class,
                        e -> assertThat(e.entity()).isEqualTo(org.farmersmarket.db.Entity.REVIEW));
        assertThatThrownBy(() -> reviews.delete(byOther)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ReviewChanges.none().withRating(6))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("rating"));

        reviews.delete(byAuthor);
        assertThat(reviews.listForProduct(product, PageRequest.first(5)).items())
                .isEmpty();
        assertThatThrownBy(() -> reviews.delete(byAuthor)).isInstanceOf(NotFoundException.class);
    }
}
