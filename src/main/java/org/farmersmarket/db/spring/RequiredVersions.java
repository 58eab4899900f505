package org.farmersmarket.db.spring;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The jOOQ and Flyway versions this library is built and tested with, checked against the ones on the class path.
 * Spring Boot's dependency management pins both (Boot 4.0 pins jOOQ 3.19 and Flyway 11), silently replacing the
 * versions this library asks for; an application overrides Boot's with the {@code jooq.version} and
 * {@code flyway.version} properties of its {@code pom.xml}.
 */
final class RequiredVersions {

    /** The jOOQ release line the library's generated classes and statements need, and the release built with. */
    static final String JOOQ = "3.21";

    static final String JOOQ_BUILT_WITH = "3.21.9";

    /** The Flyway release line the migrations are run and tested with, and the release built with. */
    static final String FLYWAY = "13.12";

    static final String FLYWAY_BUILT_WITH = "13.12.0";

    private RequiredVersions() {}

    /** @throws IllegalStateException naming the properties to set, when either library is older than needed */
    static void check() {
        String problem = problem(jooqOnClassPath(), flywayOnClassPath());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** The start-up message for these versions on the class path, or null when both are recent enough. */
    static String problem(String jooq, String flyway) {
        List<String> older = new ArrayList<>();
        if (jooq != null && olderThan(jooq, JOOQ)) {
            older.add("jOOQ " + jooq + " (needs " + JOOQ + " or newer)");
        }
        if (flyway != null && olderThan(flyway, FLYWAY)) {
            older.add("Flyway " + flyway + " (needs " + FLYWAY + " or newer)");
        }
        if (older.isEmpty()) {
            return null;
        }
        return "farmers-market-db cannot start: the class path has " + String.join(" and ", older) + ". Spring Boot's"
                + " dependency management chose these versions; set the properties that override it in your"
                + " pom.xml: <jooq.version>" + JOOQ_BUILT_WITH + "</jooq.version> and <flyway.version>"
                + FLYWAY_BUILT_WITH + "</flyway.version> (Gradle: the same names in gradle.properties).";
    }

    /** Whether {@code version} comes before the release line {@code required} (its parts compared as numbers). */
    static boolean olderThan(String version, String required) {
        int[] have = numbers(version);
        int[] need = numbers(required);
        for (int i = 0; i < need.length; i++) {
            int part = i < have.length ? have[i] : 0;
            if (part != need[i]) {
                return part < need[i];
            }
        }
        return false;
    }

    private static int[] numbers(String version) {
        String[] parts = version.split("[.-]");
        List<Integer> numbers = new ArrayList<>();
        for (String part : parts) {
            if (!part.matches("\\d+")) {
                break;
            }
            numbers.add(Integer.parseInt(part));
        }
        return numbers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** jOOQ's own version constant, read at run time (the compiler would inline the one compiled against). */
    static String jooqOnClassPath() {
        try {
            return (String)
                    Class.forName("org.jooq.Constants").getField("VERSION").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    static String flywayOnClassPath() {
        try (InputStream in = RequiredVersions.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }
}
