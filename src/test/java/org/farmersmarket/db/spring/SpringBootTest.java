package org.farmersmarket.db.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.USERS;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PlaceOrder;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.PackagedMigrations;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.annotation.Transactional;

/**
 * A real Spring Boot 4 application on a fresh, empty database: Boot's own DataSource, jOOQ and Flyway
 * auto-configuration (the application's Flyway has its own V1 and V7 in {@code db/migration}), this library's
 * auto-configuration, and a {@code @Transactional} service that writes through Boot's {@code DSLContext} and the
 * library in one transaction.
 */
@MigratedDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootTest {

    private TestDatabase server;
    private DataSource empty;
    private ConfigurableApplicationContext context;
    private Shop shop;
    private FarmersMarketDb market;
    private DSLContext dsl;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        Shop shop(DSLContext dsl, FarmersMarketDb market) {
            return new Shop(dsl, market);
        }
    }

    /** The application's service: an unrelated write of its own, then the library, then maybe a failure. */
    static class Shop {
        private final DSLContext dsl;
        private final FarmersMarketDb market;

        Shop(DSLContext dsl, FarmersMarketDb market) {
            this.dsl = dsl;
            this.market = market;
        }

        @Transactional
        public Order signUpAndOrder(String email, PlaceOrder order, boolean failAfterwards) {
            dsl.insertInto(USERS).set(USERS.EMAIL, email).execute();
            Order placed = market.orders().placeOrder(order);
            if (failAfterwards) {
                throw new IllegalStateException("payment provider down");
            }
            return placed;
        }

        @Transactional
        public void signUpInAUnitOfWorkThenFail(String email) {
            market.inTransaction(
                    tx -> tx.dsl().insertInto(USERS).set(USERS.EMAIL, email).execute());
            throw new IllegalStateException("after the unit of work");
        }
    }

    @BeforeAll
    void startTheApplication(TestDatabase db) {
        server = db;
        empty = db.createEmptyDatabase();
        String url = ((org.postgresql.ds.PGSimpleDataSource) empty).getUrl();
        context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + url,
                        // The application migrates at start-up here, so it connects as the owner (the administrator).
                        "spring.datasource.username=" + db.adminUser(),
                        "spring.datasource.password=" + db.adminPassword(),
                        "spring.main.banner-mode=off")
                .run();
        shop = context.getBean(Shop.class);
        market = context.getBean(FarmersMarketDb.class);
        dsl = context.getBean(DSLContext.class);
    }

    @AfterAll
    void stopTheApplication() {
        if (context != null) {
            context.close();
        }
        server.drop(empty);
    }

    @Test
    void startUp_ranTheApplicationsMigrationsAndTheLibrarys_eachInItsOwnHistory() throws SQLException {
        try (Connection connection = empty.getConnection()) {
            assertThat(Sql.queryStrings(
                            connection, "SELECT script FROM flyway_schema_history WHERE type = 'SQL' ORDER BY 1"))
                    .containsExactly("V1__app_newsletter.sql", "V7__app_newsletter_topics.sql");
            assertThat(Sql.queryOne(
                            connection,
                            "SELECT count(*) FROM " + Migrations.HISTORY_TABLE + " WHERE type = 'SQL'",
                            Long.class))
                    .isEqualTo(PackagedMigrations.LATEST);
        }
        assertThat(context.getBean(StartupMigrations.class).result().migrationsApplied())
                .isEqualTo(PackagedMigrations.LATEST);
    }

    @Test
    void anExceptionAfterTheWrites_rollsBackEverything_theOrderAndTheUnrelatedInsertToo() {
        PlaceOrder order = anOrderOfTwoUnits();
        UUID product = order.lines().getFirst().productId();
        int stockBefore = market.inventory().availableQuantity(product);
        int ordersBefore = dsl.fetchCount(ORDERS);

        assertThatThrownBy(() -> shop.signUpAndOrder("rolled-back@spring.example.org", order, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("payment provider down");

        assertThat(dsl.fetchCount(USERS, USERS.EMAIL.eq("rolled-back@spring.example.org")))
                .isZero();
        assertThat(dsl.fetchCount(ORDERS)).isEqualTo(ordersBefore);
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(stockBefore);
    }

    @Test
    void success_commitsTheOrderAndTheUnrelatedInsert() {
        PlaceOrder order = anOrderOfTwoUnits();
        UUID product = order.lines().getFirst().productId();
        int stockBefore = market.inventory().availableQuantity(product);

        Order placed = shop.signUpAndOrder("committed@spring.example.org", order, false);

        assertThat(dsl.fetchCount(USERS, USERS.EMAIL.eq("committed@spring.example.org")))
                .isOne();
        assertThat(market.orders().findById(placed.id())).isPresent();
        assertThat(market.inventory().availableQuantity(product)).isEqualTo(stockBefore - 2);
    }

    @Test
    void inTransaction_insideATransactional_neverCommitsSpringsTransactionOnItsOwn() {
        assertThatThrownBy(() -> shop.signUpInAUnitOfWorkThenFail("unit@spring.example.org"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(dsl.fetchCount(USERS, USERS.EMAIL.eq("unit@spring.example.org")))
                .isZero();
    }

    @Test
    void aRefusalUnderBootsExceptionTranslation_isStillTheLibrarysException() {
        assertThatThrownBy(() -> market.inventory().restock(new Restock(UUID.randomUUID(), 1), Actor.SYSTEM))
                .isInstanceOf(org.farmersmarket.db.NotFoundException.class);
    }

    /** A customer and an active product with five units in stock, committed; an order of two units. */
    private PlaceOrder anOrderOfTwoUnits() {
        DomainRows rows = new DomainRows(dsl);
        UUID customer = rows.user();
        UUID product = rows.product(rows.vendor(), rows.category(), "Kale", "3.00", "USD", ProductStatus.ACTIVE);
        var lot = market.inventory()
                .createItem(
                        new NewInventoryItem(product, DomainRows.unique("lot"), 0, Optional.empty(), Optional.empty()));
        market.inventory().restock(new Restock(lot.id(), 5), Actor.SYSTEM);
        return PlaceOrder.pickup(customer, List.of(new OrderLine(product, 2)));
    }
}
