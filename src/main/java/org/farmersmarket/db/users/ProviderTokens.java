package org.farmersmarket.db.users;

import java.time.Instant;
import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * What a sign-in provider handed over when an account was linked (OAuth 2 and OpenID Connect). Stored as given, since
 * the application needs them to call the provider; {@link #toString()} never shows a token.
 *
 * @param accessToken the access token, if any
 * @param refreshToken the refresh token, if any
 * @param expiresAt when the access token expires, if the provider said (stored as seconds since the epoch)
 * @param tokenType the token type, such as {@code bearer}, if any
 * @param scope the granted scope, if any
 * @param idToken the OpenID Connect ID token, if any
 * @param sessionState the provider's session state, if any
 */
public record ProviderTokens(
        Optional<String> accessToken,
        Optional<String> refreshToken,
        Optional<Instant> expiresAt,
        Optional<String> tokenType,
        Optional<String> scope,
        Optional<String> idToken,
        Optional<String> sessionState) {

    /** The longest token (access, refresh or ID), in characters. */
    public static final int MAX_TOKEN_LENGTH = 16_384;

    /** The longest token type, scope or session state, in characters. */
    public static final int MAX_ATTRIBUTE_LENGTH = 2_000;

    /**
     * Validates every field; a blank text counts as none.
     *
     * @throws InvalidInputException naming the first field that is null or too long
     */
    public ProviderTokens {
        accessToken = Arguments.optionalText(accessToken, "accessToken", MAX_TOKEN_LENGTH);
        refreshToken = Arguments.optionalText(refreshToken, "refreshToken", MAX_TOKEN_LENGTH);
        Arguments.required(expiresAt, "expiresAt").ifPresent(time -> Arguments.instant(time, "expiresAt"));
        expiresAt = expiresAt.map(time -> Instant.ofEpochSecond(time.getEpochSecond()));
        tokenType = Arguments.optionalText(tokenType, "tokenType", MAX_ATTRIBUTE_LENGTH);
        scope = Arguments.optionalText(scope, "scope", MAX_ATTRIBUTE_LENGTH);
        idToken = Arguments.optionalText(idToken, "idToken", MAX_TOKEN_LENGTH);
        sessionState = Arguments.optionalText(sessionState, "sessionState", MAX_ATTRIBUTE_LENGTH);
    }

    /** No tokens (an e-mail or WebAuthn account). */
    public static ProviderTokens none() {
        Optional<String> no = Optional.empty();
        return new ProviderTokens(no, no, Optional.empty(), no, no, no, no);
    }

    /** These tokens with an access token that expires at {@code expires} (truncated to the second). */
    public ProviderTokens withAccessToken(String token, Instant expires) {
        return new ProviderTokens(
                Optional.of(Arguments.required(token, "accessToken")),
                refreshToken,
                Optional.of(Arguments.required(expires, "expiresAt")),
                tokenType,
                scope,
                idToken,
                sessionState);
    }

    /** These tokens with a refresh token. */
    public ProviderTokens withRefreshToken(String token) {
        return new ProviderTokens(
                accessToken,
                Optional.of(Arguments.required(token, "refreshToken")),
                expiresAt,
                tokenType,
                scope,
                idToken,
                sessionState);
    }

    /** These tokens with a token type and the granted scope. */
    public ProviderTokens withTypeAndScope(String type, String grantedScope) {
        return new ProviderTokens(
                accessToken,
                refreshToken,
                expiresAt,
                Optional.of(Arguments.required(type, "tokenType")),
                Optional.of(Arguments.required(grantedScope, "scope")),
                idToken,
                sessionState);
    }

    /** These tokens with an OpenID Connect ID token. */
    public ProviderTokens withIdToken(String token) {
        return new ProviderTokens(
                accessToken,
                refreshToken,
                expiresAt,
                tokenType,
                scope,
                Optional.of(Arguments.required(token, "idToken")),
                sessionState);
    }

    /** These tokens with the provider's session state. */
    public ProviderTokens withSessionState(String state) {
        return new ProviderTokens(
                accessToken,
                refreshToken,
                expiresAt,
                tokenType,
                scope,
                idToken,
                Optional.of(Arguments.required(state, "sessionState")));
    }

    /** Which tokens are present, never their values. */
    @Override
    public String toString() {
        return "ProviderTokens[accessToken=" + shown(accessToken) + ", refreshToken=" + shown(refreshToken)
                + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("none") + ", tokenType="
                + tokenType.orElse("none") + ", scope=" + scope.orElse("none") + ", idToken=" + shown(idToken)
                + ", sessionState=" + shown(sessionState) + "]";
    }

    private static String shown(Optional<String> secret) {
        return secret.isPresent() ? "(hidden)" : "none";
    }
}
