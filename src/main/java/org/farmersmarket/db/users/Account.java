package org.farmersmarket.db.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider account linked to a user. {@link #toString()} shows no token.
 *
 * @param id the link's id
 * @param userId the user who signs in with it
 * @param type the kind of account ({@code oauth}, {@code oidc}, {@code email}, {@code webauthn})
 * @param account the account at its provider
 * @param tokens what the provider handed over
 * @param createdAt when it was linked
 */
public record Account(
        UUID id, UUID userId, String type, ProviderAccount account, ProviderTokens tokens, Instant createdAt) {}
