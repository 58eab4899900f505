package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.farmersmarket.db.catalog.Product;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.migration.MigrationSettings;
import org.farmersmarket.db.migration.Migrations;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library in a schema other than {@code public}, as {@code ?schema=shop} in the URL configures it: the migrations
 * create the tables there, and every public repository method reads and writes there, never in {@code public}
 * (which this test database also has, migrated).
 */
@MigratedDatabase
class SchemaMappingTest {

    private static MigrationSettings asApplication(TestDatabase db) {
        return MigrationSettings.defaults().withApplicationRole(db.user());
    }

    @Test
    void everyRepositoryMethod_worksInTheConfiguredSchema_andLeavesPublicUntouched(TestDatabase db)
            throws SQLException {
        Map<String, Long> publicBefore = rowCounts(db, "public");
        DatabaseConfig config =
                DatabaseConfig.parse(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "schema=shop");
        // Migrated as the owner (here the server's administrator), granting the application role the tests use.
        Migrations.migrateInto(db.adminDataSource(), "shop", asApplication(db));
        try (FarmersMarketDb market = FarmersMarketDb.connect(new DatabaseConfig(
                config.jdbcUrl(),
                Optional.of(db.user()),
                Optional.ofNullable(db.password()),
                2,
                false,
                config.poolTimeout()))) {
            market.migrate();
            runEveryPublicMethod(market);
        }
        assertThat(rowCounts(db, "public")).isEqualTo(publicBefore);
        Map<String, Long> shop = rowCounts(db, "shop");
        assertThat(shop).containsKeys("products", "orders", "order_items", "inventory_history", "reviews");
        assertThat(shop.get("products")).isEqualTo(1);
        assertThat(shop.get("orders")).isEqualTo(4);
        assertThat(shop.get("inventory_history")).isGreaterThanOrEqualTo(8);
        assertThat(shop.get("reviews")).isEqualTo(1);
    }

    /**
     * The library on an application's own configuration: a {@link RenderMapping} from {@code public} to the schema
     * the migrations put the tables in, with the connections' search path left at {@code public} or set to that
     * schema too. With {@code public} first on the search path, a statement that ignored the mapping would read or
     * write {@code public}'s tables (or cast to {@code public}'s enum types), and the counts would show it.
     */
    @ParameterizedTest(name = "connections in schema {1}: {0}")
    @CsvSource({"market, false", "stall, true"})
    void everyRepositoryMethod_onAConfigurationWithARenderMapping_worksInTheMappedSchema_andLeavesPublicUntouched(
            String schema, boolean currentSchema, TestDatabase db) throws SQLException {
        Map<String, Long> publicBefore = rowCounts(db, "public");
        Migrations.migrateInto(db.adminDataSource(), schema, asApplication(db));
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(db.jdbcUrl()
                + (currentSchema ? (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema : ""));
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(2);
        try (HikariDataSource connections = new HikariDataSource(pool)) {
            var configuration = new DefaultConfiguration()
                    .set(SQLDialect.POSTGRES)
                    .set(new DataSourceConnectionProvider(connections))
                    .set(new Settings()
                            .withExecuteLogging(false)
                            .withRenderMapping(new RenderMapping()
                                    .withSchemata(new MappedSchema()
                                            .withInput("public")
                                            .withOutput(schema))));
            FarmersMarketDb market = FarmersMarketDb.using(configuration);
            runEveryPublicMethod(market);
        }
        assertThat(rowCounts(db, "public")).isEqualTo(publicBefore);
        Map<String, Long> mapped = rowCounts(db, schema);
        assertThat(mapped.get("products")).isEqualTo(1);
        assertThat(mapped.get("categories")).isEqualTo(2);
        assertThat(mapped.get("orders")).isEqualTo(4);
        assertThat(mapped.get("order_items")).isEqualTo(4);
        assertThat(mapped.get("idempotency_keys")).isPositive();
        assertThat(mapped.get("inventory_items")).isEqualTo(1);
        assertThat(mapped.get("inventory_history")).isGreaterThanOrEqualTo(8);
        assertThat(mapped.get("payments")).isPositive();
        assertThat(mapped.get("reviews")).isEqualTo(1);
    }

    /**
     * Two instances on one server, each mapping {@code public} to its own schema, used alternately on one thread:
     * each runs the SQL rendered for its own mapping, inside transactions too, so a product of one is never found
     * through the other.
     */
    @Test
    void twoInstancesWithDifferentMappings_alternatingOnOneThread_eachReadTheirOwnSchema(TestDatabase db) {
        Migrations.migrateInto(db.adminDataSource(), "east", asApplication(db));
        Migrations.migrateInto(db.adminDataSource(), "west", asApplication(db));
        FarmersMarketDb east = mappedTo(db, "east");
        FarmersMarketDb west = mappedTo(db, "west");
        DomainRows eastRows = new DomainRows(east.dsl());
        UUID eastProduct = eastRows.product(
                eastRows.vendor(), eastRows.category(), "Turnips", "1.00", "USD", ProductStatus.ACTIVE);

        for (int round = 0; round < 4; round++) {
            assertThat(east.products().findById(eastProduct))
                    .as("east, round %d", round)
                    .isPresent();
            assertThat(west.products().findById(eastProduct))
                    .as("west, round %d", round)
                    .isEmpty();
            Optional<Product> inEast =
                    east.inTransaction(market -> market.products().findById(eastProduct));
            Optional<Product> inWest =
                    west.inTransaction(market -> market.products().findById(eastProduct));
            assertThat(inEast).isPresent();
            assertThat(inWest).isEmpty();
        }
    }

    private static FarmersMarketDb mappedTo(TestDatabase db, String schema) {
        return FarmersMarketDb.using(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(db.dataSource()))
                .set(new Settings()
                        .withRenderMapping(new RenderMapping()
                                .withSchemata(
                                        new MappedSchema().withInput("public").withOutput(schema)))));
    }

    /** The row count of every table of the schema, by table name. */
    private static Map<String, Long> rowCounts(TestDatabase db, String schema) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
                                + " and table_schema = '" + schema
                                + "' and table_name <> 'farmers_market_schema_history'")) {
            while (tables.next()) {
                counts.put(tables.getString(1), 0L);
            }
        }
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : counts.keySet()) {
                try (ResultSet count =
                        statement.executeQuery("select count(*) from \"" + schema + "\".\"" + table + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The scenario that calls every public repository method once, with nothing watching. */
    private static void runEveryPublicMethod(FarmersMarketDb market) {
        RepositoryScenario scenario =
                new RepositoryScenario(market, new DomainRows(market.dsl()), new RepositoryScenario.Probe() {
                    @Override
                    public void before(String call) {}

                    @Override
                    public void after(String call) {}
                });

        scenario.run();

        assertThat(scenario.calls()).containsAll(RepositoryScenario.publicMethods());
    }
}
