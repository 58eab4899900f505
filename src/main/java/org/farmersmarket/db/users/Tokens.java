package org.farmersmarket.db.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * Session and verification tokens as the database keeps them: the hex SHA-256 of the token, so a copy of the
 * database (a backup, a replica, a leaked dump) holds no token that signs anyone in. A plain hash suffices because
 * the tokens are long random values, not passwords: there is nothing to guess a dictionary from.
 */
final class Tokens {

    private Tokens() {}

    /** The token, or an error naming {@code field} when it is null, blank, too short or too long. */
    static String checked(String token, String field) {
        Arguments.notBlankText(token, field, VerificationToken.MAX_LENGTH);
        if (token.length() < VerificationToken.MIN_TOKEN_LENGTH) {
            throw new InvalidInputException(
                    field,
                    "The " + field + " must be at least " + VerificationToken.MIN_TOKEN_LENGTH
                            + " characters from a secure random source, got " + token.length());
        }
        return token;
    }

    /** The stored form of a token. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform has SHA-256 (MessageDigest's Javadoc lists it as required).
            throw new IllegalStateException(e);
        }
    }
}
