package org.farmersmarket.db.users;

import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A user's account at a sign-in provider, as the provider names it: unique per provider.
 *
 * @param provider the provider's id, such as {@code github} or {@code google}
 * @param providerAccountId the account's id at that provider
 */
public record ProviderAccount(String provider, String providerAccountId) {

    /** The longest provider id, in characters. */
    public static final int MAX_PROVIDER_LENGTH = 100;

    /** The longest account id at a provider, in characters. */
    public static final int MAX_ACCOUNT_ID_LENGTH = 500;

    /**
     * Validates both parts.
     *
     * @throws InvalidInputException naming a part that is null, blank or too long
     */
    public ProviderAccount {
        Arguments.notBlankText(provider, "provider", MAX_PROVIDER_LENGTH);
        Arguments.notBlankText(providerAccountId, "providerAccountId", MAX_ACCOUNT_ID_LENGTH);
    }

    /** The account {@code providerAccountId} at {@code provider}. */
    public static ProviderAccount of(String provider, String providerAccountId) {
        return new ProviderAccount(provider, providerAccountId);
    }
}
