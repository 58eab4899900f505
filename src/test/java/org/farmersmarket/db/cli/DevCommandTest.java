package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.farmersmarket.db.testing.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code fmdb dev} with a real embedded PostgreSQL. PostgreSQL refuses to start as root, so the server tests run
 * where the suite does not run as root (CI's third leg, in a user namespace; a developer's machine), and the refusal
 * test where it does (CI's first two legs): every leg runs one side.
 */
// It may run fmdb drift or reset, which make scratch databases that DriftCommandTest counts.
@ResourceLock(value = SharedResources.SCRATCH_DATABASES, mode = ResourceAccessMode.READ)
class DevCommandTest {

    @TempDir
    Path directory;

    @Test
    void firstStart_createsMigratesAndSeeds_secondStartReusesTheData() throws IOException, SQLException {
        assumeFalse(runningAsRoot(), "PostgreSQL's initdb refuses root; DevCommandTest's root test covers this leg");
        int port = freePort();

        Cli.Result first = Cli.run("dev", "--dir", directory.toString(), "--port", "" + port, "--demo", "--no-wait");
        Cli.Result second = Cli.run("dev", "--dir", directory.toString(), "--port", "" + port, "--demo", "--no-wait");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out())
                .contains("Created a new data directory in "
                        + directory.toAbsolutePath().resolve("data"))
                .contains("Applied " + Cli.LATEST + " migrations")
                .contains("Demo data written")
                .contains("export DATABASE_URL='postgresql://fm_app@localhost:" + port + "/market'")
                .contains("export DIRECT_URL='postgresql://postgres@localhost:" + port + "/market'")
                .contains("local connections need no password", "stops now (--no-wait)")
                .doesNotContain("Set fm_app's password");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out())
                .contains("Reusing the data in")
                .contains("nothing to apply")
                .contains("is already there");
        assertThat(Files.isRegularFile(directory.resolve("data/PG_VERSION"))).isTrue();
    }

    @Test
    void asRoot_refusesWithTheWayOut() {
        assumeTrue(runningAsRoot(), "only as root");

        Cli.Result result = Cli.run("dev", "--dir", directory.toString(), "--no-wait");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("cannot run as root", "unshare -U");
    }

    @Test
    void aServerAlreadyRunningOnTheDirectory_isNamedWithItsPid_beforeAnythingStarts() throws IOException {
        // A live process's pid in the data directory's postmaster.pid, as a running server leaves it: this JVM's.
        long alive = ProcessHandle.current().pid();
        Files.createDirectories(directory.resolve("data"));
        Files.writeString(directory.resolve("data/postmaster.pid"), alive + "\n" + directory.resolve("data") + "\n");

        Cli.Result result = Cli.run("dev", "--dir", directory.toString(), "--no-wait");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err())
                .contains("already runs on the data in", "pid " + alive, "kill -INT " + alive, "another --dir")
                .doesNotContain("--port");
    }

    @Test
    void aPortOutOfRange_isAUsageError() {
        Cli.Result result = Cli.run("dev", "--dir", directory.toString(), "--port", "70000", "--no-wait");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--port must be between 1 and 65535, got 70000");
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
