package org.farmersmarket.db.users;

import java.time.Instant;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A one-time token sent to an address (a sign-in link, an e-mail verification), valid until it expires or is used.
 * The database keeps only its SHA-256 hash; {@link #toString()} never shows it.
 *
 * @param identifier whom it was sent to, usually the e-mail address
 * @param token the token itself: at least {@value #MIN_TOKEN_LENGTH} characters, made by a secure random source
 * @param expires when it stops being valid
 */
public record VerificationToken(String identifier, String token, Instant expires) {

    /** The shortest token accepted, in characters: shorter ones could be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** The longest token or identifier, in characters. */
    public static final int MAX_LENGTH = 1_000;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid
     */
    public VerificationToken {
        Arguments.notBlankText(identifier, "identifier", MAX_LENGTH);
        Tokens.checked(token, "token");
        Arguments.instant(expires, "expires");
    }

    /** The identifier and expiry; the token hidden. */
    @Override
    public String toString() {
        return "VerificationToken[identifier=" + identifier + ", token=(hidden), expires=" + expires + "]";
    }
}
