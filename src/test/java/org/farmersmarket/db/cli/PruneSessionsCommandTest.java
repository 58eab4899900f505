package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.farmersmarket.db.users.AccountRepository;
import org.farmersmarket.db.users.VerificationToken;
import org.junit.jupiter.api.Test;

/** {@code fmdb prune-sessions}: expired sign-ins removed as an operator runs it. */
@MigratedDatabase
class PruneSessionsCommandTest {

    @Test
    void pruneSessions_deletesExpiredSessionsAndTokens_keepsLiveOnes_andSaysHowMany(TestDatabase db) {
        AccountRepository accounts = FarmersMarketDb.using(db.dataSource()).accounts();
        UUID user = new DomainRows(db.dsl()).user();
        String expired = "expired-" + UUID.randomUUID();
        String live = "live-" + UUID.randomUUID();
        accounts.createSession(expired, user, Instant.now().minusSeconds(60));
        accounts.createSession(live, user, Instant.now().plusSeconds(3600));
        accounts.createVerificationToken(new VerificationToken(
                "someone@example.com",
                "token-" + UUID.randomUUID(),
                Instant.now().minusSeconds(60)));

        Cli.Result result = Cli.run("prune-sessions", "--url", Cli.applicationUrl(db));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("Deleted [1-9]\\d* expired session\\(s\\) and [1-9]\\d* expired");
        assertThat(accounts.findSessionAndUser(live)).isPresent();
        assertThat(accounts.deleteSession(expired)).isFalse();
    }
}
