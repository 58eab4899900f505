package org.farmersmarket.db.catalog;

import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * Changes to a review; empty fields stay as they are, a present blank title or body removes it. Start from {@link
 * #none()}; see {@link ReviewRepository#update}.
 *
 * @param rating the new rating, 1 to 5
 * @param title the new title
 * @param body the new text
 */
public record ReviewChanges(Optional<Integer> rating, Optional<String> title, Optional<String> body) {

    /**
     * Validates the fields.
     *
     * @throws InvalidInputException naming a field that is null or invalid
     */
    public ReviewChanges {
        Arguments.required(rating, "rating")
                .ifPresent(stars -> Arguments.between(stars, NewReview.MIN_RATING, NewReview.MAX_RATING, "rating"));
        Arguments.required(title, "title").ifPresent(text -> Arguments.text(text, "title", NewReview.MAX_TITLE_LENGTH));
        Arguments.required(body, "body").ifPresent(text -> Arguments.text(text, "body", NewReview.MAX_BODY_LENGTH));
    }

    /** No changes at all. */
    public static ReviewChanges none() {
        return new ReviewChanges(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These changes plus a new rating. */
    public ReviewChanges withRating(int stars) {
        return new ReviewChanges(Optional.of(stars), title, body);
    }

    /** These changes plus a new title; a blank one removes it. */
    public ReviewChanges withTitle(String text) {
        return new ReviewChanges(rating, Optional.of(Arguments.required(text, "title")), body);
    }

    /** These changes plus a new text; a blank one removes it. */
    public ReviewChanges withBody(String text) {
        return new ReviewChanges(rating, title, Optional.of(Arguments.required(text, "body")));
    }

    /** Whether nothing would change. */
    public boolean isEmpty() {
        return rating.isEmpty() && title.isEmpty() && body.isEmpty();
    }
}
