package org.farmersmarket.db.testing;

/** JUnit tags the CI legs select by. */
public final class TestTags {

    /**
     * A test that holds several connections of the application's pool at once (a blocking transaction, an observer
     * and the calls it blocks): CI's pooler leg runs it with a pool of 4 instead of the seed's connection_limit=1.
     */
    public static final String SEVERAL_CONNECTIONS = "several-connections";

    /**
     * A long stress run (thousands of attempts): excluded from the default suite (the pom's {@code excludedGroups}),
     * run by CI as a step of its own with {@code -Dgroups=stress}. A quicker run of the same property stays in the
     * default suite.
     */
    public static final String STRESS = "stress";

    /**
     * A plan test: on a generated catalogue large enough for the planner to choose as it does in production, asserts
     * from {@code EXPLAIN ANALYZE} that a listing reads a bounded number of rows. Generating the data takes longer
     * than a unit test, so CI runs these as a step of their own with {@code -Dgroups=plans}.
     */
    public static final String PLANS = "plans";

    private TestTags() {}
}
