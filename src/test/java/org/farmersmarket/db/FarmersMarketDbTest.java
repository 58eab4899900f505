package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.USERS;

import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class FarmersMarketDbTest {

    @Test
    void connect_migrateOnCurrentSchema_appliesNothing(TestDatabase db) {
        try (FarmersMarketDb market = FarmersMarketDb.connect(db.jdbcUrl(), db.user(), db.password())) {
            assertThat(market.migrate().migrationsApplied()).isZero();
            assertThat(market.dsl().fetchCount(USERS)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void inTransaction_whenWorkThrows_rollsBackEverything(TestDatabase db) {
        FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
        int before = market.dsl().fetchCount(USERS);

        assertThatThrownBy(() -> market.inTransaction(tx -> {
                    tx.dsl()
                            .insertInto(USERS)
                            .set(USERS.EMAIL, "rollback@example.org")
                            .execute();
                    throw new InvalidInputException("test", "fail after the insert");
                }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("fail after the insert");
        assertThat(market.dsl().fetchCount(USERS)).isEqualTo(before);
    }

    @Test
    void inTransaction_duplicateInsideWork_isTranslated(TestDatabase db) {
        FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());

        assertThatThrownBy(() -> market.inTransaction(tx -> tx.dsl()
                        .insertInto(USERS, USERS.EMAIL)
                        .values("twin@example.org")
                        .values("TWIN@example.org")
                        .execute()))
                .isInstanceOf(DuplicateException.class)
                .extracting(e -> ((DuplicateException) e).rule())
                .isEqualTo("users_email_key");
    }

    @Test
    void migrate_insideATransaction_isRefused(TestDatabase db) {
        FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
        assertThatThrownBy(() -> market.inTransaction(FarmersMarketDb::migrate))
                .isInstanceOf(IllegalStateException.class);
    }
}
