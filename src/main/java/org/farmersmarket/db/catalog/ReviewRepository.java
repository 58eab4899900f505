package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.jooq.impl.DSL;

/** Product reviews: adding one, listing a product's reviews and summing up its ratings. */
public final class ReviewRepository {

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public ReviewRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Creates a review. One round trip.
     *
     * @param review the review, already validated by its constructor (a rating outside 1 to 5 never gets here)
     * @return the stored review, with its id and creation time
     * @throws InvalidInputException if {@code review} is null
     * @throws DuplicateException with rule {@code reviews_user_id_product_id_key} if the user has already reviewed
     *     the product
     * @throws NotFoundException if the product or the user does not exist
     */
    public Review create(NewReview review) {
        Arguments.required(review, "review");
        return Work.write(
                dsl,
                tx -> tx.insertInto(REVIEWS)
                        .set(REVIEWS.PRODUCT_ID, review.productId())
                        .set(REVIEWS.USER_ID, review.userId())
                        .set(REVIEWS.RATING, (short) review.rating())
                        .set(REVIEWS.TITLE, review.title().orElse(null))
                        .set(REVIEWS.BODY, review.body().orElse(null))
                        .returningResult(CatalogRows.REVIEW_COLUMNS)
                        .fetchSingle(ResultRow.mapping(CatalogRows::review)));
    }

    /**
     * Changes a review, by its author; empty changes change nothing and return the review as stored. One round
     * trip.
     *
     * @param review the review and the user changing it
     * @param changes what to change
     * @return the review as changed
     * @throws InvalidInputException if an argument is null
     * @throws NotFoundException if there is no such review by this author (another user's review is not theirs to
     *     change)
     */
    public Review update(AuthorsReview review, ReviewChanges changes) {
        Arguments.required(review, "review");
        Arguments.required(changes, "changes");
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        changes.rating().ifPresent(stars -> values.put(REVIEWS.RATING, stars.shortValue()));
        changes.title().ifPresent(text -> values.put(REVIEWS.TITLE, text.isBlank() ? null : text));
        changes.body().ifPresent(text -> values.put(REVIEWS.BODY, text.isBlank() ? null : text));
        Condition authors = REVIEWS.ID.eq(review.reviewId()).and(REVIEWS.USER_ID.eq(review.authorId()));
        if (values.isEmpty()) {
            return Work.read(() -> dsl.select(CatalogRows.REVIEW_COLUMNS)
                            .from(REVIEWS)
                            .where(authors)
                            .fetchOptional(ResultRow.mapping(CatalogRows::review)))
                    .orElseThrow(() -> new NotFoundException(Entity.REVIEW, review.reviewId()));
        }
        return Work.write(
                dsl,
                tx -> tx.update(REVIEWS)
                        .set(values)
                        .where(authors)
                        .returningResult(CatalogRows.REVIEW_COLUMNS)
                        .fetchOptional(ResultRow.mapping(CatalogRows::review))
                        .orElseThrow(() -> new NotFoundException(Entity.REVIEW, review.reviewId())));
    }

    /**
     * Deletes a review, by its author. One round trip.
     *
     * @throws InvalidInputException if {@code review} is null
     * @throws NotFoundException if there is no such review by this author
     */
    public void delete(AuthorsReview review) {
        Arguments.required(review, "review");
        int deleted = Work.write(
                dsl,
                tx -> tx.deleteFrom(REVIEWS)
                        .where(REVIEWS.ID.eq(review.reviewId()))
                        .and(REVIEWS.USER_ID.eq(review.authorId()))
                        .execute());
        if (deleted == 0) {
            throw new NotFoundException(Entity.REVIEW, review.reviewId());
        }
    }

    /**
     * Lists a product's reviews, newest first, one keyset page at a time. One round trip; a second one only when
     * the page is empty, to tell an unknown product from one without (more) reviews.
     *
     * @param productId the product
     * @param page the page size and the cursor of the previous page, if any
     * @return the page, with a cursor for the next one unless it is the last
     * @throws InvalidInputException if an argument is null or the cursor is malformed
     * @throws NotFoundException if the product does not exist
     */
    public Page<Review> listForProduct(UUID productId, PageRequest page) {
        Arguments.required(productId, "productId");
        Arguments.required(page, "page");
        List<Condition> conditions = new ArrayList<>();
        conditions.add(REVIEWS.PRODUCT_ID.eq(productId));
        Keyset.decode(page, "reviews/" + productId, 2)
                .ifPresent(cursor ->
                        conditions.add(DSL.row(REVIEWS.CREATED_AT, REVIEWS.ID).lt(cursor.instant(0), cursor.uuid(1))));
        return Work.read(() -> {
            List<Review> rows = dsl.select(CatalogRows.REVIEW_COLUMNS)
                    .from(REVIEWS)
                    .where(conditions)
                    .orderBy(REVIEWS.CREATED_AT.desc(), REVIEWS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(ResultRow.mapping(CatalogRows::review));
            if (rows.isEmpty() && !dsl.fetchExists(PRODUCTS, PRODUCTS.ID.eq(productId))) {
                throw new NotFoundException(Entity.PRODUCT, productId);
            }
            return Keyset.page(
                    rows, page, review -> Keyset.encode("reviews/" + productId, review.createdAt(), review.id()));
        });
    }

    /**
     * The rating statistics of a product: average, count and count per star. One round trip.
     *
     * @param productId the product
     * @return its statistics; a product without reviews has an empty average and zero counts
     * @throws InvalidInputException if {@code productId} is null
     * @throws NotFoundException if the product does not exist
     */
    public RatingSummary summary(UUID productId) {
        Arguments.required(productId, "productId");
        var ratings = ReviewStatistics.perProduct();
        return Work.read(() -> dsl.select(ratings.columns())
                        .from(PRODUCTS)
                        .crossJoin(ratings.table())
                        .where(PRODUCTS.ID.eq(productId))
                        .fetchOptional(ResultRow.mapping(ratings::summaryOf)))
                .orElseThrow(() -> new NotFoundException(Entity.PRODUCT, productId));
    }
}
