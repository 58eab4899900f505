package org.farmersmarket.db.catalog;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A review as its author names it, for changing or deleting it; see {@link ReviewRepository#update} and {@link
 * ReviewRepository#delete}. Only the user who wrote a review may change it.
 *
 * @param reviewId the review
 * @param authorId the user who wrote it
 */
public record AuthorsReview(UUID reviewId, UUID authorId) {

    /**
     * Validates both fields.
     *
     * @throws InvalidInputException naming a field that is null
     */
    public AuthorsReview {
        Arguments.required(reviewId, "reviewId");
        Arguments.required(authorId, "authorId");
    }
}
