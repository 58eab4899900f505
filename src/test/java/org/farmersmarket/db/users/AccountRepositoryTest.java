package org.farmersmarket.db.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.SESSIONS;
import static org.farmersmarket.db.jooq.Tables.VERIFICATION_TOKENS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class AccountRepositoryTest {

    private FarmersMarketDb market;
    private AccountRepository accounts;
    private DSLContext owner;
    private User user;

    @BeforeEach
    void setUp(TestDatabase db) {
        market = FarmersMarketDb.using(db.dataSource());
        accounts = market.accounts();
        owner = db.dsl();
        user = market.users().create(NewUser.customer(DomainRows.uniqueEmail()).withName("Signing In"));
    }

    private static String token() {
        return "tok-" + UUID.randomUUID();
    }

    private static Instant in(Duration duration) {
        return Instant.now().plus(duration);
    }

    @Test
    void linkAccount_findsTheUserByProviderAccount_andUnlinkRemovesIt() {
        ProviderAccount github = ProviderAccount.of("github", "gh-" + UUID.randomUUID());
        Instant expires = Instant.parse("2027-01-01T00:00:00Z");
        ProviderTokens tokens = ProviderTokens.none()
                .withAccessToken("access-secret-value", expires)
                .withRefreshToken("refresh-secret-value")
                .withTypeAndScope("bearer", "read:user")
                .withIdToken("id-secret-value");

        Account account = accounts.linkAccount(new NewAccount(user.id(), "oauth", github, tokens));

        assertThat(account.account()).isEqualTo(github);
        assertThat(account.tokens()).isEqualTo(tokens);
        assertThat(accounts.findUserByAccount(github)).contains(user);
        assertThat(accounts.accountsOf(user.id())).containsExactly(account);
        assertThat(accounts.unlinkAccount(github)).isTrue();
        assertThat(accounts.unlinkAccount(github)).isFalse();
        assertThat(accounts.findUserByAccount(github)).isEmpty();
    }

    @Test
    void linkAccount_twice_isADuplicate_andForAnUnknownUserNotFound() {
        ProviderAccount google = ProviderAccount.of("google", "g-" + UUID.randomUUID());
        accounts.linkAccount(new NewAccount(user.id(), "oidc", google, ProviderTokens.none()));

        assertThatThrownBy(() -> accounts.linkAccount(new NewAccount(user.id(), "oidc", google, ProviderTokens.none())))
                .isInstanceOfSatisfying(
                        DuplicateException.class,
                        e -> assertThat(e.rule()).isEqualTo("accounts_provider_provider_account_id_key"));
        assertThatThrownBy(() -> accounts.linkAccount(new NewAccount(
                        UUID.randomUUID(), "oidc", ProviderAccount.of("google", "x"), ProviderTokens.none())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void nothingSecret_inToStringOrInADuplicatesMessage() {
        ProviderTokens tokens = ProviderTokens.none()
                .withAccessToken("access-secret-value", in(Duration.ofHours(1)))
                .withRefreshToken("refresh-secret-value")
                .withIdToken("id-secret-value")
                .withSessionState("state-secret-value");
        NewAccount link =
                new NewAccount(user.id(), "oauth", ProviderAccount.of("github", "gh-" + UUID.randomUUID()), tokens);
        Account account = accounts.linkAccount(link);
        String sessionToken = token();
        accounts.createSession(sessionToken, user.id(), in(Duration.ofHours(1)));
        VerificationToken verification = new VerificationToken(user.email(), token(), in(Duration.ofHours(1)));
        accounts.createVerificationToken(verification);

        Throwable sessionDuplicate = org.assertj.core.api.Assertions.catchThrowable(
                () -> accounts.createSession(sessionToken, user.id(), in(Duration.ofHours(1))));
        Throwable tokenDuplicate =
                org.assertj.core.api.Assertions.catchThrowable(() -> accounts.createVerificationToken(verification));

        assertThat(sessionDuplicate).isInstanceOf(DuplicateException.class);
        assertThat(tokenDuplicate).isInstanceOf(DuplicateException.class);
        for (Object shown : List.of(link, account, tokens, verification, new VerificationAttempt("a", token()))) {
            assertThat(shown.toString()).doesNotContain("secret-value").contains("hidden");
        }
        for (Throwable duplicate : List.of(sessionDuplicate, tokenDuplicate)) {
            for (Throwable e = duplicate; e != null; e = e.getCause()) {
                assertThat(e.getMessage()).doesNotContain(sessionToken).doesNotContain(verification.token());
            }
        }
        assertThat(verification.toString()).doesNotContain(verification.token());
    }

    @Test
    void tokens_areStoredAsHashesOnly() {
        String sessionToken = token();
        accounts.createSession(sessionToken, user.id(), in(Duration.ofHours(1)));
        VerificationToken verification = new VerificationToken(user.email(), token(), in(Duration.ofHours(1)));
        accounts.createVerificationToken(verification);

        assertThat(owner.fetchExists(SESSIONS, SESSIONS.SESSION_TOKEN.eq(sessionToken)))
                .isFalse();
        assertThat(owner.fetchExists(SESSIONS, SESSIONS.SESSION_TOKEN.eq(Tokens.hash(sessionToken))))
                .isTrue();
        assertThat(owner.fetchExists(VERIFICATION_TOKENS, VERIFICATION_TOKENS.TOKEN.eq(verification.token())))
                .isFalse();
        assertThat(Tokens.hash(sessionToken)).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void session_isFoundWithItsUser_extended_andDeleted() {
        String sessionToken = token();
        Session session = accounts.createSession(sessionToken, user.id(), in(Duration.ofHours(1)));

        SessionAndUser found = accounts.findSessionAndUser(sessionToken).orElseThrow();
        assertThat(found.session()).isEqualTo(session);
        assertThat(found.user()).isEqualTo(user);

        Instant later = in(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        assertThat(accounts.extendSession(sessionToken, later).orElseThrow().expires())
                .isEqualTo(later);
        assertThat(accounts.findSessionAndUser(sessionToken)
                        .orElseThrow()
                        .session()
                        .expires())
                .isEqualTo(later);

        assertThat(accounts.deleteSession(sessionToken)).isTrue();
        assertThat(accounts.deleteSession(sessionToken)).isFalse();
        assertThat(accounts.findSessionAndUser(sessionToken)).isEmpty();
        assertThat(accounts.extendSession(sessionToken, later)).isEmpty();
    }

    @Test
    void expiredSession_isRefused_andCannotBeExtended() {
        String sessionToken = token();
        accounts.createSession(sessionToken, user.id(), Instant.now().minusSeconds(1));

        assertThat(accounts.findSessionAndUser(sessionToken)).isEmpty();
        assertThat(accounts.extendSession(sessionToken, in(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void deleteSessionsOf_signsTheUserOutEverywhere() {
        String first = token();
        String second = token();
        accounts.createSession(first, user.id(), in(Duration.ofHours(1)));
        accounts.createSession(second, user.id(), in(Duration.ofHours(1)));

        assertThat(accounts.deleteSessionsOf(user.id())).isEqualTo(2);
        assertThat(accounts.findSessionAndUser(first)).isEmpty();
        assertThat(accounts.findSessionAndUser(second)).isEmpty();
    }

    @Test
    void verificationToken_isUsedOnce_forItsIdentifierOnly() {
        // Microseconds, as PostgreSQL keeps them: the token read back carries the stored expiry.
        Instant expires = in(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        VerificationToken token = new VerificationToken(user.email(), token(), expires);
        accounts.createVerificationToken(token);

        assertThat(accounts.useVerificationToken(new VerificationAttempt("someone-else@example.com", token.token())))
                .isEmpty();
        Optional<VerificationToken> used =
                accounts.useVerificationToken(new VerificationAttempt(token.identifier(), token.token()));
        assertThat(used).isPresent();
        assertThat(used.orElseThrow().identifier()).isEqualTo(token.identifier());
        assertThat(used.orElseThrow().expires()).isEqualTo(expires);
        assertThat(accounts.useVerificationToken(new VerificationAttempt(token.identifier(), token.token())))
                .isEmpty();
    }

    @Test
    void expiredVerificationToken_isRefused_andGone() {
        VerificationToken token =
                new VerificationToken(user.email(), token(), Instant.now().minusSeconds(1));
        accounts.createVerificationToken(token);

        assertThat(accounts.useVerificationToken(new VerificationAttempt(token.identifier(), token.token())))
                .isEmpty();
        assertThat(owner.fetchExists(VERIFICATION_TOKENS, VERIFICATION_TOKENS.TOKEN.eq(Tokens.hash(token.token()))))
                .isFalse();
    }

    @RepeatedTest(5)
    void twoThreadsUsingOneToken_exactlyOneWins() throws Exception {
        VerificationToken token = new VerificationToken(user.email(), token(), in(Duration.ofHours(1)));
        accounts.createVerificationToken(token);
        VerificationAttempt attempt = new VerificationAttempt(token.identifier(), token.token());
        CountDownLatch start = new CountDownLatch(1);
        Callable<Optional<VerificationToken>> use = () -> {
            start.await();
            return accounts.useVerificationToken(attempt);
        };

        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Optional<VerificationToken>> first = threads.submit(use);
            Future<Optional<VerificationToken>> second = threads.submit(use);
            start.countDown();
            long winners = List.of(first.get(), second.get()).stream()
                    .filter(Optional::isPresent)
                    .count();
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void deleteExpired_removesOnlyExpiredSessionsAndTokens_inBatches() {
        int expired = AccountRepository.DELETE_BATCH + 5;
        owner.insertInto(SESSIONS, SESSIONS.SESSION_TOKEN, SESSIONS.USER_ID, SESSIONS.EXPIRES)
                .select(owner.select(
                                org.jooq
                                        .impl
                                        .DSL
                                        .inline("expired-" + UUID.randomUUID() + "-")
                                        .concat(org.jooq.impl.DSL.field("g", String.class)),
                                org.jooq.impl.DSL.val(user.id()),
                                org.jooq.impl.DSL.val(Instant.now().minusSeconds(60)))
                        .from(org.jooq.impl.DSL.table("generate_series(1, {0}) AS s(g)", expired)))
                .execute();
        String live = token();
        accounts.createSession(live, user.id(), in(Duration.ofHours(1)));
        VerificationToken liveToken = new VerificationToken(user.email(), token(), in(Duration.ofHours(1)));
        accounts.createVerificationToken(liveToken);
        accounts.createVerificationToken(
                new VerificationToken(user.email(), token(), Instant.now().minusSeconds(5)));

        AccountRepository.ExpiredSignIns deleted = accounts.deleteExpired();

        assertThat(deleted.sessions()).isGreaterThanOrEqualTo(expired);
        assertThat(deleted.verificationTokens()).isGreaterThanOrEqualTo(1);
        assertThat(owner.fetchExists(SESSIONS, SESSIONS.EXPIRES.le(Instant.now())))
                .isFalse();
        assertThat(accounts.findSessionAndUser(live)).isPresent();
        assertThat(accounts.useVerificationToken(new VerificationAttempt(liveToken.identifier(), liveToken.token())))
                .isPresent();
    }

    @Test
    void badInput_isRefusedByName() {
        assertThatThrownBy(() -> accounts.createSession("short", user.id(), in(Duration.ofHours(1))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("sessionToken"));
        assertThatThrownBy(() -> accounts.findSessionAndUser(null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("sessionToken"));
        assertThatThrownBy(() -> new VerificationToken("a@example.com", token(), null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("expires"));
        assertThatThrownBy(() -> ProviderAccount.of("github", " "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("providerAccountId"));
        assertThatThrownBy(() -> accounts.createSession(token(), UUID.randomUUID(), in(Duration.ofHours(1))))
                .isInstanceOf(NotFoundException.class);
    }
}
