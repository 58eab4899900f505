package org.farmersmarket.db.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A Testcontainers PostgreSQL; a class of its own so that nothing else needs Testcontainers on the class path. */
final class ContainerServer implements AutoCloseable {

    private final PostgreSQLContainer container;

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerServer start(String image) {
        var container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        // Testcontainers' own command (fsync off), with room for test classes that run concurrently, pools each.
        container.withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200");
        container.start();
        return new ContainerServer(container);
    }

    String adminUrl() {
        return container.getJdbcUrl();
    }

    String user() {
        return container.getUsername();
    }

    String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
