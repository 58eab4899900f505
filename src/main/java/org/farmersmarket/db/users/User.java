package org.farmersmarket.db.users;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.jooq.enums.UserRole;

/**
 * A person who uses the shop: a customer, a vendor's owner or an admin. The password hash, if the user has one,
 * is never part of it.
 *
 * @param id the user's id
 * @param email the e-mail address, as the user typed it (unique without regard to case)
 * @param name the display name, if any
 * @param image the URL of the user's picture, if any
 * @param emailVerified when the address was verified, if it was
 * @param role what the user may do in the shop
 * @param createdAt when the user was created
 * @param updatedAt when the user was last changed
 */
public record User(
        UUID id,
        String email,
        Optional<String> name,
        Optional<String> image,
        Optional<Instant> emailVerified,
        UserRole role,
        Instant createdAt,
        Instant updatedAt) {}
