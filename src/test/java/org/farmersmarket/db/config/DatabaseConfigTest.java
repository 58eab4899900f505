package org.farmersmarket.db.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class DatabaseConfigTest {

    @Test
    void parse_managedPostgresForm_splitsCredentialsAndTranslatesParameters() {
        DatabaseConfig config = DatabaseConfig.parse(
                "postgresql://market:s%40cret@db.example.com:6543/market?sslmode=require&connection_limit=5"
                        + "&pgbouncer=true&schema=shop&pool_timeout=20");

        assertThat(config.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com:6543/market?sslmode=require&currentSchema=shop"
                        + "&prepareThreshold=0");
        assertThat(config.user()).contains("market");
        assertThat(config.password()).contains("s@cret");
        assertThat(config.poolSize()).isEqualTo(5);
        assertThat(config.pgbouncer()).isTrue();
        assertThat(config.poolTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void parse_jdbcForm_takesUserAndPasswordFromParameters() {
        DatabaseConfig config =
                DatabaseConfig.parse("jdbc:postgresql://localhost/market?user=app&password=hunter%402&sslmode=disable");

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/market?sslmode=disable");
        assertThat(config.user()).contains("app");
        assertThat(config.password()).contains("hunter@2");
        assertThat(config.pgbouncer()).isFalse();
        assertThat(config.poolSize()).isEqualTo(DatabaseConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void passwords_neverAppearInToStringOrRedactedUrl() {
        DatabaseConfig config = DatabaseConfig.parse("postgresql://app:hunter2@localhost/market?sslpassword=keypass");

        assertThat(config.toString())
                .doesNotContain("hunter2")
                .doesNotContain("keypass")
                .contains("***");
        assertThat(config.redactedUrl()).doesNotContain("hunter2").doesNotContain("keypass");
    }

    @Test
    void parse_invalidInput_failsWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseConfig.parse("mysql://app:hunter2@localhost/market"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseConfig.parse("postgresql://localhost/market?connection_limit=zero"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("connection_limit");
        assertThatThrownBy(() -> DatabaseConfig.parse(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void environment_prefersDirectUrlForMigrations() {
        Map<String, String> environment = Map.of(
                "DATABASE_URL", "postgresql://app@pooler:6543/market?pgbouncer=true",
                "DIRECT_URL", "postgresql://app@primary:5432/market");

        assertThat(DatabaseConfig.fromEnvironment(environment).pgbouncer()).isTrue();
        assertThat(DatabaseConfig.forMigrations(environment).jdbcUrl())
                .isEqualTo("jdbc:postgresql://primary:5432/market");
        assertThat(DatabaseConfig.forMigrations(Map.of("DATABASE_URL", "postgresql://app@pooler/market"))
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://pooler/market");
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void redaction_removesPasswordsFromFreeText() {
        assertThat(Redaction.redact("failed: postgresql://app:hunter2@host/db and password=xyz&user=app"))
                .isEqualTo("failed: postgresql://app:***@host/db and password=***&user=app");
    }

    @Test
    void connect_withPostgresqlFormUrl_reachesTheDatabase(TestDatabase db) {
        String url = db.jdbcUrl().replaceFirst("^jdbc:", "").replaceFirst("\\?.*$", "");
        String withCredentials =
                url.replaceFirst("://", "://" + db.user() + (db.password().isEmpty() ? "" : ":" + db.password()) + "@");
        DatabaseConfig config = DatabaseConfig.parse(withCredentials + "?connection_limit=2&pgbouncer=true");

        try (FarmersMarketDb market = FarmersMarketDb.connect(config)) {
            assertThat(market.dsl().fetchValue("select 1", Integer.class)).isEqualTo(1);
        }
        assertThat(config.password())
                .isEqualTo(db.password().isEmpty() ? Optional.empty() : Optional.of(db.password()));
    }
}
