package org.farmersmarket.db.users;

import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A token presented for an identifier, as a sign-in link carries them; see {@link
 * AccountRepository#useVerificationToken(VerificationAttempt)}. {@link #toString()} never shows the token.
 *
 * @param identifier whom the token was sent to
 * @param token the token presented
 */
public record VerificationAttempt(String identifier, String token) {

    /**
     * Validates both fields.
     *
     * @throws InvalidInputException naming a field that is missing or invalid
     */
    public VerificationAttempt {
        Arguments.notBlankText(identifier, "identifier", VerificationToken.MAX_LENGTH);
        Tokens.checked(token, "token");
    }

    /** The identifier; the token hidden. */
    @Override
    public String toString() {
        return "VerificationAttempt[identifier=" + identifier + ", token=(hidden)]";
    }
}
