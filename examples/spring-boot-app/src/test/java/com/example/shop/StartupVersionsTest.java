package com.example.shop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * Built with Boot's own jOOQ and Flyway versions (-Djooq.version=3.19.35 -Dflyway.version=11.14.1
 * -Dshop.expectVersionFailure=true, as .ci/run does), the application must not start, and say why.
 */
class StartupVersionsTest {

    @Test
    void withBootsManagedVersions_startUpFailsNamingTheProperties() {
        assumeTrue(Boolean.getBoolean("shop.expectVersionFailure"), "only in the run with Boot's versions");

        assertThatThrownBy(() -> SpringApplication.run(ShopApplication.class).close())
                .rootCause()
                .hasMessageContaining("farmers-market-db cannot start")
                .hasMessageContaining("<jooq.version>3.21.9</jooq.version>")
                .hasMessageContaining("<flyway.version>13.12.0</flyway.version>");
    }
}
