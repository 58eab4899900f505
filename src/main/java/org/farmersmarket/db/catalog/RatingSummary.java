package org.farmersmarket.db.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * The review statistics of a product.
 *
 * @param average the average rating rounded to two decimals, or empty without reviews
 * @param count how many reviews there are
 * @param starCounts how many reviews gave each rating: index 0 for 1 star up to index 4 for 5 stars
 */
public record RatingSummary(Optional<BigDecimal> average, int count, List<Integer> starCounts) {

    /** Copies the star counts so the summary is immutable. */
    public RatingSummary {
        starCounts = List.copyOf(starCounts);
    }

    /**
     * How many reviews gave exactly {@code stars}.
     *
     * @throws InvalidInputException if {@code stars} is outside 1 to 5
     */
    public int countOf(int stars) {
        Arguments.between(stars, NewReview.MIN_RATING, NewReview.MAX_RATING, "stars");
        return starCounts.get(stars - 1);
    }
}
