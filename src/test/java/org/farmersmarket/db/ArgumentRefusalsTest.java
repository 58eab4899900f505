package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Reservation;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.orders.SalesQuery;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Inputs that used to escape as a raw NullPointerException or NumberFormatException (issue 11's adversarial run):
 * each is now an {@link InvalidInputException} naming the field. No database: these fail before any.
 */
class ArgumentRefusalsTest {

    @Test
    void nullsAtTheEntryPoints_areRefusedByName() {
        refused(() -> FarmersMarketDb.using((DataSource) null), "dataSource");
        refused(() -> FarmersMarketDb.using((Configuration) null), "configuration");
        refused(() -> FarmersMarketDb.using((DSLContext) null), "dsl");
        refused(() -> FarmersMarketDb.connect(null, "app", "secret"), "jdbcUrl");
        refused(() -> Migrations.migrate(null), "dataSource");
        refused(() -> Migrations.migrateInto(null, "shop"), "dataSource");
        refused(() -> new NewInventoryItem(null, "lot", 0, Optional.empty(), Optional.empty()), "productId");
        refused(() -> new NewInventoryItem(UUID.randomUUID(), "lot", 0, null, Optional.empty()), "harvestedOn");
    }

    @Test
    void moneyFromText_refusesWhatIsNoAmount() {
        refused(() -> Money.of(null, "USD"), "amount");
        refused(() -> Money.of("NaN", "USD"), "amount");
        refused(() -> Money.of("1e", "USD"), "amount");
        refused(() -> Money.of(" ", "USD"), "amount");
        refused(() -> Money.of("2.50", null), "currency");
        refused(() -> new Money(null, "USD"), "amount");
        assertThat(Money.of(" 2.5 ", "USD").amount()).isEqualByComparingTo("2.50");
    }

    @Test
    void moneyBeyondNumeric12And2_isRefusedBeforeTheDatabaseSeesIt() {
        refused(() -> new Money(new BigDecimal("10000000000.00"), "USD"), "amount");
        refused(() -> new Money(new BigDecimal("-10000000000"), "USD"), "amount");
        assertThat(new Money(new BigDecimal("9999999999.99"), "USD").amount()).isEqualByComparingTo("9999999999.99");
    }

    /**
     * The eight inputs of issue 21's bad-input corpus that still escaped as NullPointerException,
     * IllegalArgumentException or DateTimeException. Each fails before any connection is asked for: the data source
     * names no server.
     */
    @Test
    void theLastRawEscapes_areRefusedByName() {
        FarmersMarketDb market = FarmersMarketDb.using(new PGSimpleDataSource());
        refused(() -> new PageRequest(5, null), "after");
        refused(() -> PageRequest.after(null, 5), "cursor");
        refused(() -> Money.of("1.00", "USD").plus(null), "other");
        refused(() -> market.inTransaction(null), "work");
        refused(() -> DatabaseConfig.fromEnvironment(null), "environment");
        Map<UUID, Integer> nullProduct = new HashMap<>();
        nullProduct.put(null, 1);
        refused(
                () -> market.inventory().reserve(new Reservation(UUID.randomUUID(), nullProduct), Actor.SYSTEM),
                "productId");
        Map<UUID, Integer> nullQuantity = new HashMap<>();
        nullQuantity.put(UUID.randomUUID(), null);
        refused(
                () -> market.inventory().reserve(new Reservation(UUID.randomUUID(), nullQuantity), Actor.SYSTEM),
                "quantity");
        refused(() -> Migrations.migrate(new PGSimpleDataSource(), new String[0]), "locations");
        refused(() -> Migrations.migrate(new PGSimpleDataSource(), (String[]) null), "locations");
        refused(
                () -> market.orders()
                        .salesSummary(new SalesQuery(UUID.randomUUID(), LocalDate.MAX, LocalDate.MAX, ZoneOffset.UTC)),
                "from");
        refused(
                () -> market.orders()
                        .salesSummary(new SalesQuery(
                                UUID.randomUUID(), LocalDate.of(2026, 1, 1), LocalDate.MAX, ZoneOffset.UTC)),
                "to");
    }

    private static void refused(ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).rule())
                .isEqualTo(field);
    }
}
