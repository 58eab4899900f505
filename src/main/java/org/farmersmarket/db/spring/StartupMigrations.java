package org.farmersmarket.db.spring;

import javax.sql.DataSource;
import org.farmersmarket.db.migration.MigrationResult;
import org.farmersmarket.db.migration.Migrations;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Runs the library's migrations when the application context starts, after the application's own Flyway: Boot's
 * Flyway initializer migrates when it is created, so it is created first. An application whose Flyway runs second
 * (its schema then already holds the library's tables) sets {@code spring.flyway.baseline-on-migrate=true} and
 * {@code spring.flyway.baseline-version=0}; see docs/library.md.
 */
public final class StartupMigrations implements InitializingBean {

    private static final String APPLICATION_FLYWAY =
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer";

    private final DataSource dataSource;
    private final ListableBeanFactory beans;
    private MigrationResult result;

    StartupMigrations(DataSource dataSource, ListableBeanFactory beans) {
        this.dataSource = dataSource;
        this.beans = beans;
    }

    @Override
    public void afterPropertiesSet() {
        ClassLoader loader = getClass().getClassLoader();
        if (ClassUtils.isPresent(APPLICATION_FLYWAY, loader)) {
            beans.getBeansOfType(ClassUtils.resolveClassName(APPLICATION_FLYWAY, loader));
        }
        result = Migrations.migrate(dataSource);
    }

    /** What the start-up migration applied. */
    public MigrationResult result() {
        return result;
    }
}
