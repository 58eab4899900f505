package org.farmersmarket.db.testing;

/**
 * Names of what test classes share beyond their own database, for JUnit's {@code @ResourceLock}: classes run
 * concurrently (junit-platform.properties), and a class that counts something server-wide must not run beside one
 * that makes and drops it.
 */
public final class SharedResources {

    /**
     * The {@code fmdb_scratch_*} databases that {@code fmdb drift} and {@code fmdb reset} make and drop on the test
     * server: a class that counts them locks it READ_WRITE, a class that runs those commands READ.
     */
    public static final String SCRATCH_DATABASES = "fmdb scratch databases";

    /**
     * The application role's privileges on the shared test database: a test that grants it more for a while locks
     * it READ_WRITE; a test that asserts what the role is refused locks it READ.
     */
    public static final String APPLICATION_ROLE_PRIVILEGES = "application role privileges";

    private SharedResources() {}
}
