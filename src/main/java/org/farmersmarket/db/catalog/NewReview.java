package org.farmersmarket.db.catalog;

import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A review to create; see {@link ReviewRepository#create(NewReview)}.
 *
 * @param productId the product reviewed
 * @param userId the user writing it
 * @param rating the rating, 1 to 5
 * @param title the title, if any; a blank one counts as none
 * @param body the text, if any; a blank one counts as none
 */
public record NewReview(UUID productId, UUID userId, int rating, Optional<String> title, Optional<String> body) {

    /** The lowest rating. */
    public static final int MIN_RATING = 1;

    /** The highest rating. */
    public static final int MAX_RATING = 5;

    /** The longest title, in characters. */
    public static final int MAX_TITLE_LENGTH = 200;

    /** The longest body, in characters. */
    public static final int MAX_BODY_LENGTH = 10_000;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing, or {@code rating} when it is outside
     *     1 to 5
     */
    public NewReview {
        Arguments.required(productId, "productId");
        Arguments.required(userId, "userId");
        Arguments.between(rating, MIN_RATING, MAX_RATING, "rating");
        title = Arguments.optionalText(title, "title", MAX_TITLE_LENGTH);
        body = Arguments.optionalText(body, "body", MAX_BODY_LENGTH);
    }
}
