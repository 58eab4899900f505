package org.farmersmarket.db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.internal.migration.FlywayMigrations;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migrations on a live shop: four writers place orders through the application role while a migration runs as the
 * owner on the same tables. Each writer's slowest call is the longest it waited for the migration's locks.
 */
@MigratedDatabase
class OnlineMigrationTest {

    private static final int WRITERS = 4;

    /** Writers placing orders until stopped; {@link #stop()} gives the slowest call's duration. */
    private static final class Writers {

        private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Future<Duration>> slowest = new ArrayList<>();

        Writers(FarmersMarketDb market, UUID customer, UUID product) {
            PlaceOrder order = PlaceOrder.pickup(customer, List.of(new OrderLine(product, 1)));
            for (int i = 0; i < WRITERS; i++) {
                slowest.add(threads.submit(() -> {
                    Duration longest = Duration.ZERO;
                    int placed = 0;
                    while (running.get() || placed < 3) {
                        long started = System.nanoTime();
                        market.orders().placeOrder(order);
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        longest = took.compareTo(longest) > 0 ? took : longest;
                        placed++;
                    }
                    return longest;
                }));
            }
        }

        Duration stop() throws Exception {
            running.set(false);
            Duration longest = Duration.ZERO;
            for (Future<Duration> writer : slowest) {
                Duration took = writer.get(60, TimeUnit.SECONDS);
                longest = took.compareTo(longest) > 0 ? took : longest;
            }
            threads.shutdown();
            return longest;
        }
    }

    private static Writers startWriters(TestDatabase db, FarmersMarketDb market) {
        DomainRows rows = new DomainRows(db.dsl());
        UUID product = rows.product(rows.vendor(), rows.category(), "Kale", "3.00", "USD", ProductStatus.ACTIVE);
        UUID lot = market.inventory()
                .createItem(
                        new NewInventoryItem(product, DomainRows.unique("lot"), 0, Optional.empty(), Optional.empty()))
                .id();
        market.inventory().restock(new Restock(lot, 1_000_000, "fixture"), Actor.SYSTEM);
        return new Writers(market, rows.user(), product);
    }

    private static Flyway flyway(TestDatabase db, MigrationSettings settings, String location) {
        return FlywayMigrations.configure(db.adminDataSource(), settings, Migrations.CLASSPATH_LOCATION, location)
                .load();
    }

    @Test
    void anIndexBuiltConcurrently_whileWritersRun_isApplied_andNoWriterWaitsLongerThanTheLockTimeout(TestDatabase db)
            throws Exception {
        MigrationSettings settings = db.migrationSettings();
        try (FarmersMarketDb market = FarmersMarketDb.using(db.dataSource())) {
            Writers writers = startWriters(db, market);
            Thread.sleep(300);

            // Flyway's transactional lock would make CREATE INDEX CONCURRENTLY wait for Flyway's own transaction
            // forever (flyway/flyway#3497): bounded here so that a regression fails instead of hanging the build.
            int applied = assertTimeoutPreemptively(
                    Duration.ofSeconds(120),
                    () -> flyway(db, settings, "classpath:db/online-index").migrate().migrationsExecuted);
            Thread.sleep(300);
            Duration slowestWrite = writers.stop();

            assertThat(applied).isEqualTo(1);
            try (Connection connection = db.dataSource().getConnection()) {
                assertThat(Sql.queryOne(
                                connection,
                                "SELECT indisvalid FROM pg_index WHERE indexrelid ="
                                        + " 'orders_created_at_status_test_idx'::regclass",
                                Boolean.class))
                        .isTrue();
            }
            assertThat(slowestWrite).isLessThan(settings.lockTimeout());
        }
    }

    @Test
    void aMigrationNeedingAnExclusiveLock_behindALongTransaction_givesUpAtTheLockTimeout_andAppliesNothing(
            TestDatabase db) throws Exception {
        MigrationSettings settings = db.migrationSettings().withLockTimeout(Duration.ofSeconds(1));
        try (FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
                Connection longTransaction = db.dataSource().getConnection()) {
            longTransaction.setAutoCommit(false);
            // An open transaction that read products holds ACCESS SHARE on it until it ends: ALTER TABLE must wait.
            Sql.queryOne(longTransaction, "SELECT count(*) FROM products", Long.class);
            Writers writers = startWriters(db, market);
            Thread.sleep(300);

            assertThatThrownBy(() ->
                            flyway(db, settings, "classpath:db/blocking-alter").migrate())
                    .hasMessageContaining("55P03")
                    .hasMessageContaining("lock timeout");
            Thread.sleep(300);
            longTransaction.rollback();
            Duration slowestWrite = writers.stop();

            try (Connection connection = db.dataSource().getConnection()) {
                assertThat(Sql.queryOne(
                                connection,
                                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'products'"
                                        + " AND column_name = 'online_test_note'",
                                Long.class))
                        .isZero();
            }
            // Writers queued behind the waiting ALTER for at most the lock timeout, then went on; the slack is
            // for their own work around the wait, on a 2-core machine.
            assertThat(slowestWrite).isLessThan(settings.lockTimeout().plusSeconds(1));
        }
    }
}
