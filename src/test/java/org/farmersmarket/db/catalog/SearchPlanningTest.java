package org.farmersmarket.db.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A text search is planned for its words on every call, never prepared on the server (where PostgreSQL may keep a
 * generic plan that cannot know how common a word is), whichever way the library runs it; a category search is
 * prepared there after pgjdbc's fifth call, as any statement. Observed in {@code pg_prepared_statements} of the one
 * connection a pool of one holds.
 */
@MigratedDatabase
class SearchPlanningTest {

    @Test
    void withoutListeners_aTextSearchIsNeverPreparedOnTheServer_aCategorySearchIs(TestDatabase db) throws SQLException {
        assertPreparedOnTheServer(db, FarmersMarketDb::using);
    }

    @Test
    void withAnExecuteListener_aTextSearchIsNeverPreparedOnTheServer_aCategorySearchIs(TestDatabase db)
            throws SQLException {
        assertPreparedOnTheServer(
                db,
                pool -> FarmersMarketDb.using(new DefaultConfiguration()
                        .set(SQLDialect.POSTGRES)
                        .set(new DataSourceConnectionProvider(pool))
                        .set(new Settings().withExecuteLogging(false))
                        .set(ExecuteListener.onExecuteStart(context -> {}))));
    }

    private static void assertPreparedOnTheServer(TestDatabase db, Function<DataSource, FarmersMarketDb> instance)
            throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(1);
        try (HikariDataSource onePool = new HikariDataSource(config)) {
            FarmersMarketDb market = instance.apply(onePool);
            for (int call = 0; call < 10; call++) {
                market.products().search(ProductSearch.all().withText("kale"), PageRequest.first(5));
                market.products().search(ProductSearch.all().withCategory(UUID.randomUUID()), PageRequest.first(5));
            }
            try (Connection connection = onePool.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet counts = statement.executeQuery("select"
                            + " count(*) filter (where statement like '%websearch_to_tsquery%'),"
                            + " count(*) filter (where statement like '%category_subtree%')"
                            + " from pg_prepared_statements")) {
                counts.next();
                assertThat(counts.getInt(1))
                        .as("text searches prepared on the server")
                        .isZero();
                assertThat(counts.getInt(2))
                        .as("category searches prepared on the server")
                        .isEqualTo(1);
            }
        }
    }
}
