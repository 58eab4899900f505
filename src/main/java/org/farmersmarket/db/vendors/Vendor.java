package org.farmersmarket.db.vendors;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A selling business's profile.
 *
 * @param id the vendor's id
 * @param userId the user who runs it
 * @param businessName the name shown to customers
 * @param slug the URL name, unique
 * @param description what the business is about, if told
 * @param contactEmail where customers write to, if given
 * @param phone the phone number, if given
 * @param city the city, if given
 * @param region the region or state, if given
 * @param postalCode the postal code, if given
 * @param verified whether the shop has verified the business
 * @param createdAt when the profile was created
 * @param updatedAt when it was last changed
 */
public record Vendor(
        UUID id,
        UUID userId,
        String businessName,
        String slug,
        Optional<String> description,
        Optional<String> contactEmail,
        Optional<String> phone,
        Optional<String> city,
        Optional<String> region,
        Optional<String> postalCode,
        boolean verified,
        Instant createdAt,
        Instant updatedAt) {}
