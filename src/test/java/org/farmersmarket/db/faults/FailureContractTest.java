package org.farmersmarket.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.CATEGORIES;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.ConnectionFailedException;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.FarmersMarketDbException;
import org.farmersmarket.db.catalog.Category;
import org.farmersmarket.db.catalog.NewCategory;
import org.farmersmarket.db.faults.CuttingProxy.Cut;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * {@code FarmersMarketDb}'s failure contract on each way of making an instance: units of work join (no savepoints),
 * and a COMMIT whose connection is cut is resolved (committed: the call returns; rolled back: a {@link
 * ConnectionFailedException} with nothing written). Every instance reaches the server through a {@link CuttingProxy}.
 */
@MigratedDatabase
@Timeout(60)
class FailureContractTest {

    /** The ways an application makes an instance. */
    enum Made {
        /** {@code FarmersMarketDb.connect}: the library's own pool. */
        CONNECT,
        /** {@code FarmersMarketDb.using(DataSource)}: the application's pool. */
        DATA_SOURCE,
        /** {@code FarmersMarketDb.using(Configuration)} with jOOQ's default transaction provider. */
        CONFIGURATION,
        /** {@code using(Configuration)} as Spring Boot wires it: Spring's transaction manager and provider. */
        SPRING
    }

    private final TestDatabase db;
    private CuttingProxy proxy;
    private HikariDataSource pool;
    private FarmersMarketDb market;

    FailureContractTest(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void close() throws Exception {
        if (market != null) {
            market.close();
        }
        if (pool != null) {
            pool.close();
        }
        proxy.close();
    }

    private FarmersMarketDb make(Made how) throws Exception {
        URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        proxy = new CuttingProxy(server.getHost(), server.getPort());
        String viaProxy = db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
        String url = viaProxy + (viaProxy.contains("?") ? "&" : "?") + "prepareThreshold=0";
        if (how == Made.CONNECT) {
            return FarmersMarketDb.connect(url + "&pool_timeout=2", db.user(), db.password());
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(2_000);
        pool = new HikariDataSource(config);
        return switch (how) {
            case DATA_SOURCE -> FarmersMarketDb.using(pool);
            case CONFIGURATION ->
                FarmersMarketDb.using(new DefaultConfiguration()
                        .set(SQLDialect.POSTGRES)
                        .set(new DataSourceConnectionProvider(pool)));
            case SPRING ->
                FarmersMarketDb.using(new DefaultConfiguration()
                        .set(SQLDialect.POSTGRES)
                        .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(pool)))
                        .set(new SpringTransactionProvider(new DataSourceTransactionManager(pool))));
            case CONNECT -> throw new IllegalStateException("made above");
        };
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void aUnitOfWork_isOneTransaction_whoseRepositoryCallsJoinIt_withoutSavepoints(Made how) throws Exception {
        market = make(how);
        String slug = "joined-" + UUID.randomUUID();

        // Inside the unit a refused call is not undone to a savepoint: PostgreSQL refuses the rest of the unit.
        assertThatThrownBy(() -> market.inTransaction(unit -> {
                    unit.categories().create(NewCategory.topLevel("Joined", slug));
                    Throwable duplicate = catchDuplicate(unit, slug);
                    assertThat(duplicate).isInstanceOf(DuplicateException.class);
                    return unit.categories().create(NewCategory.topLevel("After", slug + "-after"));
                }))
                .isInstanceOf(FarmersMarketDbException.class)
                .hasMessageContaining("25P02");
        // And the unit rolled back as a whole: its first write is gone too.
        assertThat(db.dsl().fetchCount(CATEGORIES, CATEGORIES.SLUG.startsWith(slug)))
                .isZero();

        Category nested = market.inTransaction(
                unit -> unit.inTransaction(inner -> inner.categories().create(NewCategory.topLevel("Nested", slug))));
        assertThat(market.categories().findBySlug(slug)).contains(nested);
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void aCommitWhoseAnswerIsLost_returnsTheResult_writtenOnce(Made how) throws Exception {
        StockedProduct stocked = stockedWithTheNextCommitCut(how, Cut.AFTER_COMMIT_REACHES_SERVER);

        market.inventory().restock(new Restock(stocked.lot(), 5, "delivery"), Actor.SYSTEM);

        assertThat(proxy.cuts()).as("sessions cut at COMMIT").isEqualTo(1);
        assertThat(market.inventory().availableQuantity(stocked.product())).isEqualTo(15);
        assertThat(market.inventory().reconcile()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void aCommitThatNeverReachedTheServer_isAConnectionFailure_withNothingWritten(Made how) throws Exception {
        StockedProduct stocked = stockedWithTheNextCommitCut(how, Cut.BEFORE_COMMIT_REACHES_SERVER);

        assertThatThrownBy(() -> market.inventory().restock(new Restock(stocked.lot(), 5, "delivery"), Actor.SYSTEM))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("nothing was written");

        assertThat(proxy.cuts()).isEqualTo(1);
        assertThat(market.inventory().availableQuantity(stocked.product())).isEqualTo(10);
        assertThat(market.inventory().reconcile()).isEmpty();
    }

    /** An instance made {@code how}, a product with 10 units in stock, and the next COMMIT to be cut {@code cut}. */
    private StockedProduct stockedWithTheNextCommitCut(Made how, Cut cut) throws Exception {
        market = make(how);
        StockedProduct stocked = StockedProduct.create(db.dsl(), market, 10);
        proxy.cutAtNextCommit(cut);
        return stocked;
    }

    private static Throwable catchDuplicate(FarmersMarketDb unit, String slug) {
        try {
            unit.categories().create(NewCategory.topLevel("Twice", slug));
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
