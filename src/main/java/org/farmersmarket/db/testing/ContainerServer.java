package org.farmersmarket.db.testing;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers PostgreSQL; a class of its own so that nothing else needs Testcontainers on the class path.
 *
 * <p>Built on Testcontainers' core {@link GenericContainer}, set up as its {@code PostgreSQLContainer} does (user,
 * password and database {@code test}, {@code fsync=off}, ready after the server's second "ready to accept
 * connections"), because {@code testcontainers-postgresql} and {@code testcontainers-jdbc} put classes in the
 * package {@code org.testcontainers.containers} of the core jar: a module that reads all three cannot be compiled or
 * resolved, so this library's module descriptor could not require them.
 */
final class ContainerServer implements AutoCloseable {

    private static final int PORT = 5432;
    private static final String NAME = "test";

    private final GenericContainer<?> container;

    private ContainerServer(GenericContainer<?> container) {
        this.container = container;
    }

    static ContainerServer start(String image) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withEnv("POSTGRES_DB", NAME)
                .withEnv("POSTGRES_USER", NAME)
                .withEnv("POSTGRES_PASSWORD", NAME)
                // fsync off as Testcontainers runs it, with room for test classes that run concurrently, pools each.
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200")
                .withExposedPorts(PORT)
                // The image's entry point starts the server once to initialise it, then again for good.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                        .withStartupTimeout(Duration.ofSeconds(60)));
        container.start();
        return new ContainerServer(container);
    }

    String adminUrl() {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(PORT) + "/" + NAME
                + "?loggerLevel=OFF";
    }

    String user() {
        return NAME;
    }

    String password() {
        return NAME;
    }

    @Override
    public void close() {
        container.stop();
    }
}
