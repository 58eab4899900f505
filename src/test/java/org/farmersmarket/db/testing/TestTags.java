package org.farmersmarket.db.testing;

/** JUnit tags the CI legs select by. */
public final class TestTags {

    /**
     * A test that holds several connections of the application's pool at once (a blocking transaction, an observer
     * and the calls it blocks): CI's pooler leg runs it with a pool of 4 instead of the seed's connection_limit=1.
     */
    public static final String SEVERAL_CONNECTIONS = "several-connections";

    private TestTags() {}
}
