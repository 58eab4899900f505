package org.farmersmarket.db.catalog;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's review of a product.
 *
 * @param id the review's id
 * @param productId the product reviewed
 * @param userId the user who wrote it
 * @param rating the rating, 1 to 5
 * @param title the title, if any
 * @param body the text, if any
 * @param createdAt when it was written
 */
public record Review(
        UUID id,
        UUID productId,
        UUID userId,
        int rating,
        Optional<String> title,
        Optional<String> body,
        Instant createdAt) {}
