package org.farmersmarket.db.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.USERS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.connect.Redaction;
import org.farmersmarket.db.jooq.Sequences;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void parse_aMisspeltParameter_isRefusedWithTheNearestKnownName() {
        assertThatThrownBy(
                        () -> DatabaseConfig.parse("postgresql://app:zz9secret@db.example.com/market?sslmod=disable"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sslmod")
                .hasMessageContaining("did you mean sslmode?")
                .hasMessageNotContaining("zz9secret");
        assertThatThrownBy(() -> DatabaseConfig.parse("jdbc:postgresql://db.example.com/market?conection_limit=5"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("did you mean connection_limit?");
    }

    @Test
    void parse_theDriversOwnParameters_areAccepted() {
        assertThat(DatabaseConfig.parse(
                                "postgresql://app@db.example.com/market?sslmode=require&ApplicationName=shop&tcpKeepAlive=true")
                        .jdbcUrl())
                .contains("ApplicationName=shop", "tcpKeepAlive=true");
    }

    @Test
    void parse_aPasswordWithAnUnencodedAt_saysToPercentEncodeIt_withoutEchoingIt() {
        assertThatThrownBy(() -> DatabaseConfig.parse("postgresql://app:p@zz9secret@db.example.com/market"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("names no host")
                .hasMessageContaining("%40")
                .hasMessageNotContaining("zz9secret");
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
    void parse_refusesWhatItCannotHonour_namingTheParameter() {
        // A flag other than true/false would otherwise read as false: prepared statements through PgBouncer.
        for (String value : List.of("yes", "1", "on", "")) {
            assertThatThrownBy(() -> DatabaseConfig.parse("postgresql://localhost/market?pgbouncer=" + value))
                    .as("pgbouncer=%s", value)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("pgbouncer must be true or false, got '" + value + "'")
                    .extracting(e -> ((InvalidInputException) e).rule())
                    .isEqualTo("pgbouncer");
        }
        assertThat(DatabaseConfig.parse("postgresql://localhost/market?pgbouncer=TRUE")
                        .pgbouncer())
                .isTrue();
        assertThatThrownBy(() -> DatabaseConfig.parse("postgresql://localhost:99999/market"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The port must be between 1 and 65535, got 99999");
        assertThatThrownBy(() -> DatabaseConfig.parse("postgresql://localhost:0/market"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> DatabaseConfig.parse("postgresql://localhost/market?=x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a parameter without a name");
        assertThatThrownBy(() -> DatabaseConfig.parse("postgresql://localhost/market?sslmode=require&"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a parameter without a name");
        assertThatThrownBy(() -> DatabaseConfig.parse(
                        "postgresql://u:hunter2@localhost/market?connection_limit=2&connection_limit=3"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The database URL gives connection_limit twice; give it once");
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

    @Test
    void schema_whenTheUrlNamesNone_isPublicAndJooqRendersTheGeneratedSchema() {
        DatabaseConfig config = DatabaseConfig.parse("postgresql://app@localhost/market?sslmode=disable");

        assertThat(config.schema()).isEqualTo("public");
        Settings settings = config.jooqSettings();
        assertThat(settings.isExecuteLogging()).isFalse();
        assertThat(settings.getRenderMapping()).isNull();
        assertThat(DSL.using(SQLDialect.POSTGRES, settings).render(DSL.selectFrom(CATEGORIES)))
                .contains("\"public\".\"categories\"");
    }

    @Test
    void schema_fromSchemaOrCurrentSchema_inEitherForm() {
        assertThat(DatabaseConfig.parse("postgresql://app@localhost/market?schema=shop")
                        .schema())
                .isEqualTo("shop");
        assertThat(DatabaseConfig.parse("jdbc:postgresql://localhost/market?currentSchema=shop_2&user=app")
                        .schema())
                .isEqualTo("shop_2");
        assertThat(DatabaseConfig.parse("postgresql://app@localhost/market?schema=shop&currentSchema=shop")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/market?currentSchema=shop");
        assertThat(DatabaseConfig.parse("postgresql://app@localhost/market?schema=public")
                        .jooqSettings()
                        .getRenderMapping())
                .isNull();
    }

    @Test
    void jooqSettings_withAnotherSchema_mapPublicToItForTablesSequencesAndEnumTypes() {
        DatabaseConfig config = DatabaseConfig.parse("postgresql://app@localhost/market?schema=shop");

        Settings settings = config.jooqSettings();

        assertThat(settings.isExecuteLogging()).isFalse();
        assertThat(settings.getRenderMapping().getSchemata())
                .singleElement()
                .extracting(MappedSchema::getInput, MappedSchema::getOutput)
                .containsExactly("public", "shop");
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES, settings);
        assertThat(dsl.render(DSL.selectFrom(CATEGORIES)))
                .contains("\"shop\".\"categories\"")
                .doesNotContain("public");
        assertThat(dsl.render(DSL.insertInto(USERS).set(USERS.ROLE, UserRole.ADMIN)))
                .contains("\"shop\".\"users\"", "\"shop\".\"user_role\"")
                .doesNotContain("public");
        assertThat(dsl.render(DSL.select(Sequences.ORDER_NUMBER_SEQ.nextval())))
                .contains("\"shop\".\"order_number_seq\"");
    }

    @Test
    void jooqSettings_areNewOnEachCall() {
        DatabaseConfig config = DatabaseConfig.parse("postgresql://app@localhost/market?schema=shop");

        config.jooqSettings().setExecuteLogging(true);

        assertThat(config.jooqSettings().isExecuteLogging()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgresql://app@localhost/market?schema=shop,public | schema | several schemas",
                "postgresql://app@localhost/market?schema=shop%2Cpublic | schema | several schemas",
                "jdbc:postgresql://localhost/market?currentSchema=shop,public | currentSchema | several schemas",
                "postgresql://app@localhost/market?schema= | schema | is empty",
                "postgresql://app@localhost/market?schema=Shop | schema | lower case",
                "postgresql://app@localhost/market?schema=%22shop%22 | schema | not a plain schema name",
                "postgresql://app@localhost/market?schema=my%20shop | schema | not a plain schema name",
                "postgresql://app@localhost/market?schema=pg_catalog | schema | reserved",
                "postgresql://app@localhost/market?schema=shop&currentSchema=other | schema | two schemas",
            })
    void parse_invalidSchema_isRefusedNamingTheParameter(String url, String parameter, String reason) {
        assertThatThrownBy(() -> DatabaseConfig.parse(url))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        invalid -> assertThat(invalid.rule()).isEqualTo(parameter))
                .hasMessageStartingWith(parameter + "=")
                .hasMessageContaining(reason);
    }

    @Test
    void constructor_withSeveralSchemasInTheJdbcUrl_isRefused() {
        assertThatThrownBy(() -> new DatabaseConfig(
                        "jdbc:postgresql://localhost/market?currentSchema=shop,public",
                        Optional.empty(),
                        Optional.empty(),
                        2,
                        false,
                        Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("currentSchema=shop,public");
    }
}
