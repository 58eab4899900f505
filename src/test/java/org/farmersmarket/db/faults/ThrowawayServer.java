package org.farmersmarket.db.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for tests that stop and start it: never the shared one. It runs the machine's
 * PostgreSQL binaries ({@code fm.test.postgres.bin}, default {@code /usr/lib/postgresql/15/bin}) on a free port with
 * a data directory under the temp directory, as the current user, or, when that is root (which PostgreSQL refuses),
 * as {@code nobody} through {@code setpriv}. Trust authentication for user {@code postgres}, fsync off.
 */
final class ThrowawayServer implements AutoCloseable {

    private static final Path BIN = Path.of(System.getProperty("fm.test.postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path directory;
    private final Path data;
    private final int port;

    private ThrowawayServer(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
    }

    /** Whether this machine can run one, and if not why: the binaries are missing, or setpriv is for root. */
    static String unavailableReason() {
        if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
            return "no PostgreSQL binaries at " + BIN + " (set fm.test.postgres.bin)";
        }
        if (ROOT && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return "running as root without /usr/bin/setpriv to start PostgreSQL as nobody";
        }
        return null;
    }

    /** Creates the cluster and starts it. */
    static ThrowawayServer start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("fm-throwaway-");
        // nobody must be able to create the data directory and the socket in it.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        ThrowawayServer server = new ThrowawayServer(directory, freePort());
        server.run("initdb", "-D", server.data.toString(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        server.startServer();
        return server;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server the way an operator's restart does (fast: sessions are ended), and starts it again. */
    void restart(long downMillis) throws IOException, InterruptedException {
        stopServer();
        Thread.sleep(downMillis);
        startServer();
    }

    void stopServer() throws IOException, InterruptedException {
        run("pg_ctl", "stop", "-D", data.toString(), "-m", "fast", "-w");
    }

    void startServer() throws IOException, InterruptedException {
        run(
                "pg_ctl",
                "start",
                "-D",
                data.toString(),
                "-w",
                "-l",
                directory.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=50");
    }

    private void run(String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.add(BIN.resolve(tool).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(tool + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer();
        } catch (IllegalStateException alreadyStopped) {
            // a test that failed half-way may have left it stopped
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
