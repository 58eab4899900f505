package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.IDEMPOTENCY_KEYS;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.farmersmarket.db.jooq.enums.IdempotentOperation;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency keys are kept for a retention, then deleted in batches that never wait for a write. */
@MigratedDatabase
class IdempotencyKeyRetentionTest {

    private DSLContext dsl;
    private FarmersMarketDb market;
    private String prefix;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        market = FarmersMarketDb.using(db.dataSource());
        prefix = "retention-" + UUID.randomUUID() + "-";
        // Other tests' keys are recent; only this test's can be older than a day.
        dsl.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(java.time.Instant.now().minus(Duration.ofHours(20))))
                .execute();
    }

    /** Keys recorded {@code daysAgo} days ago, inserted as the library records them. */
    private List<String> keys(int count, int daysAgo) {
        List<String> keys = IntStream.range(0, count)
                .mapToObj(i -> prefix + UUID.randomUUID())
                .toList();
        var insert = dsl.insertInto(
                IDEMPOTENCY_KEYS,
                IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY,
                IDEMPOTENCY_KEYS.OPERATION,
                IDEMPOTENCY_KEYS.REQUEST_HASH,
                IDEMPOTENCY_KEYS.CREATED_AT);
        for (String key : keys) {
            insert = insert.values(
                    key,
                    IdempotentOperation.RESTOCK,
                    new byte[32],
                    java.time.Instant.now().minus(Duration.ofDays(daysAgo)));
        }
        insert.execute();
        return keys;
    }

    private int left() {
        return dsl.fetchCount(IDEMPOTENCY_KEYS, IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.startsWith(prefix));
    }

    @Test
    void delete_removesEveryKeyPastTheRetention_inBatches_andKeepsTheYoungerOnes() {
        keys(2_345, 40);
        List<String> recent = keys(10, 2);

        long deleted = market.deleteIdempotencyKeysOlderThan(IdempotencyKey.DEFAULT_RETENTION);

        assertThat(deleted).isEqualTo(2_345);
        assertThat(left()).isEqualTo(recent.size());
        assertThat(market.deleteIdempotencyKeysOlderThan(Duration.ofDays(1))).isEqualTo(10);
        assertThat(left()).isZero();
    }

    @Test
    void delete_skipsAKeyAWriteInFlightHolds_insteadOfWaitingForIt(TestDatabase db) throws Exception {
        String held = keys(1, 40).getFirst();
        keys(3, 40);
        try (Connection writer = db.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            Sql.queryStrings(
                    writer, "SELECT idempotency_key FROM idempotency_keys WHERE idempotency_key = ? FOR UPDATE", held);

            long deleted = CompletableFuture.supplyAsync(
                            () -> market.deleteIdempotencyKeysOlderThan(Duration.ofDays(30)))
                    .get(30, TimeUnit.SECONDS);

            assertThat(deleted).isEqualTo(3);
            writer.rollback();
        }
        assertThat(left()).isEqualTo(1);
    }

    @Test
    void delete_withoutAnAgeOrUnderAMinute_isRefusedByName() {
        assertThatThrownBy(() -> market.deleteIdempotencyKeysOlderThan(null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("age"));
        assertThatThrownBy(() -> market.deleteIdempotencyKeysOlderThan(Duration.ofSeconds(59)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("age"));
    }

    @Test
    void aKeyUsedAgainAfterItWasDeleted_isANewRequest_andWritesAgain() {
        var rows = new org.farmersmarket.db.testing.DomainRows(dsl);
        UUID product = rows.product(
                rows.vendor(),
                rows.category(),
                "Kale",
                "2.00",
                "USD",
                org.farmersmarket.db.jooq.enums.ProductStatus.ACTIVE);
        UUID lot = market.inventory()
                .createItem(org.farmersmarket.db.inventory.NewInventoryItem.defaultLot(product))
                .id();
        IdempotencyKey key = IdempotencyKey.of(prefix + "restock");
        var first = market.inventory().restock(new org.farmersmarket.db.inventory.Restock(lot, 1), Actor.SYSTEM, key);
        dsl.update(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.CREATED_AT, java.time.Instant.now().minus(Duration.ofDays(31)))
                .where(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key.value()))
                .execute();
        market.deleteIdempotencyKeysOlderThan(IdempotencyKey.DEFAULT_RETENTION);

        var again = market.inventory().restock(new org.farmersmarket.db.inventory.Restock(lot, 1), Actor.SYSTEM, key);

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.quantityAfter()).isEqualTo(2);
    }
}
