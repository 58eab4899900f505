package org.farmersmarket.db.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A database session of a signed-in user. Its token is not part of it: the database keeps only the token's SHA-256
 * hash, and the caller holds the token.
 *
 * @param id the session's id
 * @param userId the signed-in user
 * @param expires when it stops being valid
 * @param createdAt when it was created
 */
public record Session(UUID id, UUID userId, Instant expires, Instant createdAt) {}
