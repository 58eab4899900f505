package org.farmersmarket.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.farmersmarket.db.FarmersMarketDb;
import org.junit.jupiter.api.Test;

/**
 * The extension as an application uses it: its own migrations ({@code db/migration} of the test class path: V1 and
 * V7) applied after the library's in the template, each with its own history.
 */
@MigratedDatabase(applicationMigrations = "classpath:db/migration")
class MigratedDatabaseWithApplicationMigrationsTest {

    @Test
    void theCopyHasTheLibrarysTablesAndTheApplicationsOwn(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(Sql.queryStrings(
                            connection, "SELECT script FROM flyway_schema_history WHERE type = 'SQL' ORDER BY 1"))
                    .containsExactly("V1__app_newsletter.sql", "V7__app_newsletter_topics.sql");
            assertThat(Sql.queryOne(
                            connection,
                            "SELECT count(*) FROM app_newsletter_subscribers WHERE cardinality(topics) = 0",
                            Long.class))
                    .isZero();
        }
        assertThat(FarmersMarketDb.using(db.dataSource()).migrate().migrationsApplied())
                .as("the library's migrations are all applied already")
                .isZero();
    }
}
