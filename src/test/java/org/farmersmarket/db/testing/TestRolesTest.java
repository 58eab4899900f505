package org.farmersmarket.db.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The roles a test run makes on its server are its own and leave with it: a second run of the support on the same
 * server (named, as {@code fm.test.jdbc.url} names one) makes roles of other names with a random password, and its
 * end drops them, with every database it made and whatever the roles own or were granted elsewhere.
 */
@MigratedDatabase
class TestRolesTest {

    @Test
    void aRunsRoles_areItsOwnWithARandomPassword_andAreDroppedWithEverythingTheyHoldWhenTheRunEnds(TestDatabase db)
            throws Exception {
        String appRole;
        String ownerRole;
        String password;
        Set<String> runDatabases;
        try (PostgresServer run = PostgresServer.named(db.jdbcUrl(), db.adminUser(), db.adminPassword())) {
            appRole = run.applicationUser();
            ownerRole = run.ownerRole();
            password = run.applicationPassword();
            assertThat(appRole).startsWith("fm_test_app_").isNotEqualTo(db.user());
            assertThat(ownerRole)
                    .startsWith("fm_test_owner_")
                    .isNotEqualTo(db.migrationSettings().ownerRole().orElseThrow());
            assertThat(password).hasSize(64).isNotEqualTo(db.password()).doesNotContain(appRole);

            TestDatabase copy = new TestDatabase(run, run.createMigratedDatabase(List.of()));
            try (Connection connection = copy.dataSource().getConnection()) {
                assertThat(Sql.queryOne(connection, "SELECT current_user", String.class))
                        .isEqualTo(appRole);
                assertThat(Sql.queryOne(connection, "SELECT count(*) FROM products", Long.class))
                        .isZero();
            }
            copy.close();
            // Left behind on purpose: a scratch database of the run with a table the owner role owns, and a grant
            // to the application role in a database the run did not make (this class's own).
            DataSource scratch = copy.createEmptyDatabase();
            try (Connection connection = scratch.getConnection()) {
                Sql.execute(connection, "CREATE TABLE leftover (id int)");
                Sql.execute(connection, "ALTER TABLE leftover OWNER TO " + ownerRole);
            }
            try (Connection connection = db.adminDataSource().getConnection()) {
                Sql.execute(connection, "GRANT SELECT ON products TO " + appRole);
                Sql.execute(connection, "GRANT CONNECT ON DATABASE " + db.name() + " TO " + appRole);
            }
            runDatabases = run.databases();
            assertThat(runDatabases).as("the template and the scratch database").hasSize(2);
            assertThat(roles(db, appRole, ownerRole)).containsExactlyInAnyOrder(appRole, ownerRole);
        }

        assertThat(roles(db, appRole, ownerRole)).as("roles left by the run").isEmpty();
        try (Connection connection = db.adminDataSource().getConnection()) {
            assertThat(Sql.queryStrings(connection, "SELECT datname FROM pg_database WHERE datname = ANY (?)", (Object)
                            runDatabases.toArray(String[]::new)))
                    .as("databases left by the run")
                    .isEmpty();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), appRole, password)
                        .close())
                .as("logging in as the run's application role")
                .isInstanceOf(SQLException.class);
    }

    private static List<String> roles(TestDatabase db, String... names) throws SQLException {
        try (Connection connection = db.adminDataSource().getConnection()) {
            return Sql.queryStrings(connection, "SELECT rolname FROM pg_roles WHERE rolname = ANY (?)", (Object) names);
        }
    }
}
