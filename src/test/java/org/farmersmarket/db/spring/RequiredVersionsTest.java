package org.farmersmarket.db.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up version check, on the versions Spring Boot 4.0.7 would pick and on this build's own. */
class RequiredVersionsTest {

    @Test
    void bootsManagedVersions_giveOneMessageNamingBothProperties() {
        String problem = RequiredVersions.problem("3.19.35", "11.14.1");

        assertThat(problem)
                .contains("jOOQ 3.19.35 (needs 3.21 or newer)")
                .contains("Flyway 11.14.1 (needs 13.12 or newer)")
                .contains("<jooq.version>3.21.9</jooq.version>")
                .contains("<flyway.version>13.12.0</flyway.version>");
    }

    @Test
    void onlyTheOlderLibraryIsNamed() {
        assertThat(RequiredVersions.problem("3.21.2", "11.14.1"))
                .doesNotContain("jOOQ 3.21.2")
                .contains("Flyway 11.14.1");
    }

    @Test
    void theVersionsThisBuildRunsWith_pass_andAreTheOnesTheMessageRecommends() {
        assertThat(RequiredVersions.jooqOnClassPath()).isEqualTo(RequiredVersions.JOOQ_BUILT_WITH);
        assertThat(RequiredVersions.flywayOnClassPath()).isEqualTo(RequiredVersions.FLYWAY_BUILT_WITH);
        assertThat(RequiredVersions.problem(RequiredVersions.jooqOnClassPath(), RequiredVersions.flywayOnClassPath()))
                .isNull();
    }

    @Test
    void releaseLines_compareAsNumbers() {
        assertThat(RequiredVersions.olderThan("3.9.1", "3.21")).isTrue();
        assertThat(RequiredVersions.olderThan("3.21.0", "3.21")).isFalse();
        assertThat(RequiredVersions.olderThan("4.0.0", "3.21")).isFalse();
        assertThat(RequiredVersions.olderThan("13.2.0", "13.12")).isTrue();
        assertThat(RequiredVersions.olderThan("13.12.0-SNAPSHOT", "13.12")).isFalse();
    }
}
