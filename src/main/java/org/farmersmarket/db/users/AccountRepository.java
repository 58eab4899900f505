package org.farmersmarket.db.users;

import static org.farmersmarket.db.jooq.Tables.ACCOUNTS;
import static org.farmersmarket.db.jooq.Tables.SESSIONS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.farmersmarket.db.jooq.Tables.VERIFICATION_TOKENS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.DatabaseTime;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.internal.Work;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The sign-in store: what an Auth.js-style adapter keeps in the database besides users ({@link UserRepository}
 * has those). Provider accounts linked to a user, database sessions, and one-time verification tokens.
 *
 * <p>Tokens: the database keeps only the SHA-256 hash of each session token and verification token, so a copy of
 * the database signs no one in; the caller holds the token and presents it. No token appears in a record's {@code
 * toString()}, in the library's exceptions or in its logs. Provider tokens (OAuth access, refresh and ID tokens) are
 * stored as given, since the application needs them to call the provider; they too are hidden from {@code
 * toString()}. jOOQ's own DEBUG logging of bind values ({@code org.jooq.tools.LoggerListener}) shows them like any
 * value: keep it off where real tokens flow.
 *
 * <p>Expiry is the database's clock: an expired session or token is never returned, and {@link #deleteExpired()}
 * removes them in batches (also {@code fmdb prune-sessions}).
 */
public final class AccountRepository {

    /** How many expired rows one transaction of {@link #deleteExpired()} removes. */
    public static final int DELETE_BATCH = 1_000;

    /** The shape of a session's columns in a {@link Session}. */
    private static final List<Field<?>> SESSION_COLUMNS =
            List.of(SESSIONS.ID, SESSIONS.USER_ID, SESSIONS.EXPIRES, SESSIONS.CREATED_AT);

    private static final List<Field<?>> ACCOUNT_COLUMNS = List.of(
            ACCOUNTS.ID,
            ACCOUNTS.USER_ID,
            ACCOUNTS.TYPE,
            ACCOUNTS.PROVIDER,
            ACCOUNTS.PROVIDER_ACCOUNT_ID,
            ACCOUNTS.ACCESS_TOKEN,
            ACCOUNTS.REFRESH_TOKEN,
            ACCOUNTS.EXPIRES_AT,
            ACCOUNTS.TOKEN_TYPE,
            ACCOUNTS.SCOPE,
            ACCOUNTS.ID_TOKEN,
            ACCOUNTS.SESSION_STATE,
            ACCOUNTS.CREATED_AT);

    /** Every request of a signed-in user runs this: a statement, rendered once per instance. */
    private static final Statement<String, SessionAndUser> SESSION_AND_USER = Statement.of(
            Reading.DRIVER,
            (Statement.Inputs<String> tokenHash) -> DSL.select(SESSION_COLUMNS)
                    .select(UserRows.USER_COLUMNS)
                    .from(SESSIONS)
                    .join(USERS)
                    .on(USERS.ID.eq(SESSIONS.USER_ID))
                    .where(SESSIONS.SESSION_TOKEN.eq(tokenHash.value(it -> it, SESSIONS.SESSION_TOKEN)))
                    .and(SESSIONS.EXPIRES.gt(DatabaseTime.now())),
            row -> new SessionAndUser(session(row), UserRows.user(row)));

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public AccountRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Links a provider account to a user. One round trip.
     *
     * @return the linked account
     * @throws InvalidInputException if {@code account} is null
     * @throws NotFoundException if the user does not exist
     * @throws DuplicateException with rule {@code accounts_provider_provider_account_id_key} if the provider
     *     account is linked already (to this user or another)
     */
    public Account linkAccount(NewAccount account) {
        Arguments.required(account, "account");
        ProviderTokens tokens = account.tokens();
        return Work.write(
                dsl,
                tx -> tx.insertInto(ACCOUNTS)
                        .set(ACCOUNTS.USER_ID, account.userId())
                        .set(ACCOUNTS.TYPE, account.type())
                        .set(ACCOUNTS.PROVIDER, account.account().provider())
                        .set(ACCOUNTS.PROVIDER_ACCOUNT_ID, account.account().providerAccountId())
                        .set(ACCOUNTS.ACCESS_TOKEN, tokens.accessToken().orElse(null))
                        .set(ACCOUNTS.REFRESH_TOKEN, tokens.refreshToken().orElse(null))
                        .set(
                                ACCOUNTS.EXPIRES_AT,
                                tokens.expiresAt().map(Instant::getEpochSecond).orElse(null))
                        .set(ACCOUNTS.TOKEN_TYPE, tokens.tokenType().orElse(null))
                        .set(ACCOUNTS.SCOPE, tokens.scope().orElse(null))
                        .set(ACCOUNTS.ID_TOKEN, tokens.idToken().orElse(null))
                        .set(ACCOUNTS.SESSION_STATE, tokens.sessionState().orElse(null))
                        .returningResult(ACCOUNT_COLUMNS)
                        .fetchSingle(ResultRow.mapping(AccountRepository::account)));
    }

    /**
     * Unlinks a provider account. One round trip.
     *
     * @return whether it was linked
     * @throws InvalidInputException if {@code account} is null
     */
    public boolean unlinkAccount(ProviderAccount account) {
        Arguments.required(account, "account");
        return Work.write(
                        dsl,
                        tx -> tx.deleteFrom(ACCOUNTS)
                                .where(ACCOUNTS.PROVIDER.eq(account.provider()))
                                .and(ACCOUNTS.PROVIDER_ACCOUNT_ID.eq(account.providerAccountId()))
                                .execute())
                > 0;
    }

    /**
     * The user who signs in with a provider account. One round trip.
     *
     * @throws InvalidInputException if {@code account} is null
     */
    public Optional<User> findUserByAccount(ProviderAccount account) {
        Arguments.required(account, "account");
        return Work.read(() -> dsl.select(UserRows.USER_COLUMNS)
                .from(ACCOUNTS)
                .join(USERS)
                .on(USERS.ID.eq(ACCOUNTS.USER_ID))
                .where(ACCOUNTS.PROVIDER.eq(account.provider()))
                .and(ACCOUNTS.PROVIDER_ACCOUNT_ID.eq(account.providerAccountId()))
                .fetchOptional(ResultRow.mapping(UserRows::user)));
    }

    /**
     * The provider accounts linked to a user, oldest first (a handful per user). One round trip.
     *
     * @return the accounts; empty for a user without any, or for no such user
     * @throws InvalidInputException if {@code userId} is null
     */
    public List<Account> accountsOf(UUID userId) {
        Arguments.required(userId, "userId");
        return Work.read(() -> dsl.select(ACCOUNT_COLUMNS)
                .from(ACCOUNTS)
                .where(ACCOUNTS.USER_ID.eq(userId))
                .orderBy(ACCOUNTS.CREATED_AT, ACCOUNTS.ID)
                .fetch(ResultRow.mapping(AccountRepository::account)));
    }

    /**
     * Creates a session for a user; the database keeps the token's hash only. One round trip.
     *
     * @param sessionToken the session's token, at least {@value VerificationToken#MIN_TOKEN_LENGTH} characters from a
     *     secure random source
     * @param userId the signed-in user
     * @param expires when the session stops being valid
     * @return the session
     * @throws InvalidInputException naming an argument that is null or invalid
     * @throws NotFoundException if the user does not exist
     * @throws DuplicateException with rule {@code sessions_session_token_key} if a session has this token
     */
    public Session createSession(String sessionToken, UUID userId, Instant expires) {
        String hash = Tokens.hash(Tokens.checked(sessionToken, "sessionToken"));
        Arguments.required(userId, "userId");
        Arguments.instant(expires, "expires");
        return Work.write(
                dsl,
                tx -> tx.insertInto(SESSIONS)
                        .set(SESSIONS.SESSION_TOKEN, hash)
                        .set(SESSIONS.USER_ID, userId)
                        .set(SESSIONS.EXPIRES, expires)
                        .returningResult(SESSION_COLUMNS)
                        .fetchSingle(ResultRow.mapping(AccountRepository::session)));
    }

    /**
     * The session with this token and its user, unless it expired: what authenticates each request. One round trip.
     *
     * @return the session and its user; empty for an unknown, deleted or expired session
     * @throws InvalidInputException if {@code sessionToken} is null or not a token
     */
    public Optional<SessionAndUser> findSessionAndUser(String sessionToken) {
        String hash = Tokens.hash(Tokens.checked(sessionToken, "sessionToken"));
        return Work.read(() -> SESSION_AND_USER.fetchOptional(dsl, hash));
    }

    /**
     * Moves a valid session's expiry (sliding sessions). An expired session stays expired. One round trip.
     *
     * @return the session as changed; empty for an unknown, deleted or expired session
     * @throws InvalidInputException naming an argument that is null or invalid
     */
    public Optional<Session> extendSession(String sessionToken, Instant expires) {
        String hash = Tokens.hash(Tokens.checked(sessionToken, "sessionToken"));
        Arguments.instant(expires, "expires");
        return Work.write(
                dsl,
                tx -> tx.update(SESSIONS)
                        .set(SESSIONS.EXPIRES, expires)
                        .where(SESSIONS.SESSION_TOKEN.eq(hash))
                        .and(SESSIONS.EXPIRES.gt(DatabaseTime.now()))
                        .returningResult(SESSION_COLUMNS)
                        .fetchOptional(ResultRow.mapping(AccountRepository::session)));
    }

    /**
     * Deletes a session (signs out). One round trip.
     *
     * @return whether there was such a session
     * @throws InvalidInputException if {@code sessionToken} is null or not a token
     */
    public boolean deleteSession(String sessionToken) {
        String hash = Tokens.hash(Tokens.checked(sessionToken, "sessionToken"));
        return Work.write(
                        dsl,
                        tx -> tx.deleteFrom(SESSIONS)
                                .where(SESSIONS.SESSION_TOKEN.eq(hash))
                                .execute())
                > 0;
    }

    /**
     * Deletes every session of a user (signs them out everywhere). One round trip.
     *
     * @return how many sessions were deleted
     * @throws InvalidInputException if {@code userId} is null
     */
    public int deleteSessionsOf(UUID userId) {
        Arguments.required(userId, "userId");
        return Work.write(
                dsl,
                tx -> tx.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId)).execute());
    }

    /**
     * Stores a one-time token; the database keeps its hash only. One round trip.
     *
     * @return the token as given
     * @throws InvalidInputException if {@code token} is null
     * @throws DuplicateException with rule {@code verification_tokens_token_key} if the token exists already
     */
    public VerificationToken createVerificationToken(VerificationToken token) {
        Arguments.required(token, "token");
        Work.write(
                dsl,
                tx -> tx.insertInto(VERIFICATION_TOKENS)
                        .set(VERIFICATION_TOKENS.IDENTIFIER, token.identifier())
                        .set(VERIFICATION_TOKENS.TOKEN, Tokens.hash(token.token()))
                        .set(VERIFICATION_TOKENS.EXPIRES, token.expires())
                        .execute());
        return token;
    }

    /**
     * Uses a one-time token: finds and deletes it in one atomic statement, so of any number of uses, concurrent or
     * not, exactly one gets it. An expired token is deleted too, and not returned. One round trip.
     *
     * @return the token, if it existed for this identifier, was unused and had not expired
     * @throws InvalidInputException if {@code attempt} is null
     */
    public Optional<VerificationToken> useVerificationToken(VerificationAttempt attempt) {
        Arguments.required(attempt, "attempt");
        Field<Boolean> live =
                DSL.field(VERIFICATION_TOKENS.EXPIRES.gt(DatabaseTime.now())).as("live");
        return Work.write(
                        dsl,
                        tx -> tx.deleteFrom(VERIFICATION_TOKENS)
                                .where(VERIFICATION_TOKENS.IDENTIFIER.eq(attempt.identifier()))
                                .and(VERIFICATION_TOKENS.TOKEN.eq(Tokens.hash(attempt.token())))
                                .returningResult(VERIFICATION_TOKENS.EXPIRES, live)
                                .fetchOptional())
                .filter(row -> row.value2())
                .map(row -> new VerificationToken(attempt.identifier(), attempt.token(), row.value1()));
    }

    /**
     * Deletes expired sessions and verification tokens, {@value #DELETE_BATCH} rows per transaction, so a large
     * backlog never holds locks for long. Returns when none is left.
     *
     * @return how many of each were deleted
     */
    public ExpiredSignIns deleteExpired() {
        long sessions = deleteExpired(SESSIONS, SESSIONS.ID, SESSIONS.EXPIRES);
        long tokens = deleteExpired(VERIFICATION_TOKENS, VERIFICATION_TOKENS.ID, VERIFICATION_TOKENS.EXPIRES);
        return new ExpiredSignIns(sessions, tokens);
    }

    private long deleteExpired(Table<?> table, TableField<?, UUID> id, TableField<?, Instant> expires) {
        return Work.writeInBatches(
                dsl,
                DELETE_BATCH,
                tx -> tx.deleteFrom(table)
                        .where(id.in(DSL.select(id)
                                .from(table)
                                .where(expires.le(DatabaseTime.now()))
                                .orderBy(expires)
                                .limit(DELETE_BATCH)))
                        .execute());
    }

    private static Session session(ResultRow row) {
        return new Session(
                row.get(SESSIONS.ID),
                row.get(SESSIONS.USER_ID),
                row.get(SESSIONS.EXPIRES),
                row.get(SESSIONS.CREATED_AT));
    }

    private static Account account(ResultRow row) {
        ProviderTokens tokens = new ProviderTokens(
                Optional.ofNullable(row.get(ACCOUNTS.ACCESS_TOKEN)),
                Optional.ofNullable(row.get(ACCOUNTS.REFRESH_TOKEN)),
                Optional.ofNullable(row.get(ACCOUNTS.EXPIRES_AT)).map(Instant::ofEpochSecond),
                Optional.ofNullable(row.get(ACCOUNTS.TOKEN_TYPE)),
                Optional.ofNullable(row.get(ACCOUNTS.SCOPE)),
                Optional.ofNullable(row.get(ACCOUNTS.ID_TOKEN)),
                Optional.ofNullable(row.get(ACCOUNTS.SESSION_STATE)));
        return new Account(
                row.get(ACCOUNTS.ID),
                row.get(ACCOUNTS.USER_ID),
                row.get(ACCOUNTS.TYPE),
                new ProviderAccount(row.get(ACCOUNTS.PROVIDER), row.get(ACCOUNTS.PROVIDER_ACCOUNT_ID)),
                tokens,
                row.get(ACCOUNTS.CREATED_AT));
    }

    /**
     * What {@link #deleteExpired()} removed.
     *
     * @param sessions expired sessions deleted
     * @param verificationTokens expired verification tokens deleted
     */
    public record ExpiredSignIns(long sessions, long verificationTokens) {}
}
