package org.farmersmarket.db.spring;

import javax.sql.DataSource;
import org.farmersmarket.db.FarmersMarketDb;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * A {@link FarmersMarketDb} on the application's jOOQ {@link DSLContext} (Boot's, with its Spring transaction
 * provider and its transaction-aware data source), and the library's migrations run once at start-up.
 *
 * <p>Transactions: a repository call or {@code inTransaction} inside a Spring transaction joins it as a savepoint
 * (Boot's transaction provider nests with {@code PROPAGATION_NESTED}): it never commits or rolls back the Spring
 * transaction; an exception leaving the {@code @Transactional} method rolls back everything, the library's writes
 * included. Outside one, each call runs in a Spring transaction of its own.
 *
 * <p>Migrations ({@code farmers-market-db.migrate}, default {@code true}) run into the {@link DataSource} after the
 * application's own Flyway, if Boot's Flyway support runs one, and before the bean is handed out; they keep their own
 * history table (see {@link org.farmersmarket.db.migration.Migrations}).
 *
 * <p>Start-up fails with one message when the jOOQ or Flyway on the class path is older than the library needs (Boot
 * manages both versions; see {@link RequiredVersions}).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
        })
@ConditionalOnClass(DSLContext.class)
@ConditionalOnBean(DSLContext.class)
public class FarmersMarketDbAutoConfiguration {

    /** Checks the jOOQ and Flyway versions first: an older one fails start-up here, not on a later call. */
    public FarmersMarketDbAutoConfiguration() {
        RequiredVersions.check();
    }

    /** The library on Boot's {@code DSLContext}, once the migrations (if enabled) have run. */
    @Bean
    @ConditionalOnMissingBean
    public FarmersMarketDb farmersMarketDb(DSLContext dsl, ObjectProvider<StartupMigrations> migrations) {
        migrations.ifAvailable(ran -> {});
        return FarmersMarketDb.using(dsl);
    }

    /** The library's migrations at start-up, after the application's own Flyway. */
    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty(prefix = "farmers-market-db", name = "migrate", matchIfMissing = true)
    public StartupMigrations farmersMarketDbMigrations(DataSource dataSource, ListableBeanFactory beans) {
        return new StartupMigrations(dataSource, beans);
    }
}
