package org.farmersmarket.db.users;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A provider account to link to a user; see {@link AccountRepository#linkAccount(NewAccount)}. {@link #toString()}
 * shows no token.
 *
 * @param userId the user who signs in with it
 * @param type the kind of account, as Auth.js names it: {@code oauth}, {@code oidc}, {@code email}, {@code
 *     webauthn}
 * @param account the account at its provider
 * @param tokens what the provider handed over, or {@link ProviderTokens#none()}
 */
public record NewAccount(UUID userId, String type, ProviderAccount account, ProviderTokens tokens) {

    /** The longest account type, in characters. */
    public static final int MAX_TYPE_LENGTH = 50;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid
     */
    public NewAccount {
        Arguments.required(userId, "userId");
        Arguments.notBlankText(type, "type", MAX_TYPE_LENGTH);
        Arguments.required(account, "account");
        Arguments.required(tokens, "tokens");
    }
}
