package org.farmersmarket.db.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.farmersmarket.db.internal.migration.Roles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb dev}: a local PostgreSQL 17 with nothing installed (the embedded server from Maven artifacts, as the
 * build's last fallback), its data kept in a directory, migrated, optionally seeded, up until stopped.
 */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "Run a local development database: embedded PostgreSQL 17, migrated, optionally seeded.",
            "Starts PostgreSQL 17 from the binaries in this jar (built for the platform it was built on), with its "
                    + "data in --dir, creates the database " + DevCommand.DATABASE + ", applies the migrations, "
                    + "with --demo seeds demo data, prints the DATABASE_URL to use, and stays up until Ctrl-C. A "
                    + "second start reuses the data. PostgreSQL refuses to run as root."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.OTHER_LINE})
final class DevCommand implements Callable<Integer> {

    static final String DATABASE = "market";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the server keeps its data. Default: ${DEFAULT-VALUE} (under the working directory).")
    private Path directory = Path.of(".fmdb-dev");

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "The port to listen on (localhost only). Default: ${DEFAULT-VALUE}.")
    private int port = 54329;

    @Option(names = "--demo", description = "Seed demo data too (fmdb seed --demo); a second run adds nothing.")
    private boolean demo;

    @Option(
            names = "--no-wait",
            description = "Stop the server once it is migrated (and seeded) instead of staying up: for scripts.")
    private boolean noWait;

    @Override
    public Integer call() throws Exception {
        Output output = Output.of(spec);
        if (port < 1 || port > 65535) {
            throw new CommandFailedException(ExitCode.USAGE, "--port must be between 1 and 65535, got " + port);
        }
        Path data = directory.toAbsolutePath().resolve("data");
        OptionalLong running = runningServer(data);
        if (running.isPresent()) {
            throw new CommandFailedException(
                    ExitCode.USAGE,
                    "A PostgreSQL (pid " + running.getAsLong() + ") already runs on the data in " + data
                            + ", started by another fmdb dev or left running by one that was killed. Use that one,"
                            + " stop it (kill -INT " + running.getAsLong() + ") and start again, or give this one"
                            + " another --dir.");
        }
        if (runningAsRoot()) {
            throw new CommandFailedException(
                    ExitCode.USAGE,
                    "fmdb dev cannot run as root: PostgreSQL's initdb refuses to. Run it as another user, or in a user"
                            + " namespace where root is an ordinary user: unshare -U java -jar ... dev");
        }
        boolean reused = Files.isRegularFile(data.resolve("PG_VERSION"));
        Files.createDirectories(data.getParent());
        ShutdownSignal shutdown = new ShutdownSignal();
        try (shutdown;
                EmbeddedPostgres postgres = start(data)) {
            output.line((reused ? "Reusing the data in " : "Created a new data directory in ") + data);
            createDatabaseIfMissing(postgres);
            // As a deployment runs: the owner role migrates, the application role (trusted locally, no password)
            // is what DATABASE_URL connects as, so fmdb verify passes and the ledger is protected here too.
            String url = "postgresql://postgres@localhost:" + port + "/" + DATABASE;
            String applicationUrl = "postgresql://" + Roles.DEFAULT_APPLICATION + "@localhost:" + port + "/" + DATABASE;
            // The roles command's own summary tells a deployment to set a password; here local connections are
            // trusted, so say that instead.
            int exit = run(new PrintWriter(Writer.nullWriter()), "roles", "--apply", "--url", url);
            if (exit == ExitCode.OK) {
                output.pass("Roles " + Roles.DEFAULT_OWNER + " (owner) and " + Roles.DEFAULT_APPLICATION
                        + " (application) set up; local connections need no password.");
                exit = run(
                        "migrate",
                        "--url",
                        url,
                        "--owner-role",
                        Roles.DEFAULT_OWNER,
                        "--app-role",
                        Roles.DEFAULT_APPLICATION);
            }
            if (exit == ExitCode.OK && demo) {
                exit = run("seed", "--demo", "--url", applicationUrl);
            }
            if (exit != ExitCode.OK) {
                return exit;
            }
            output.blank();
            if (noWait) {
                output.pass(
                        "PostgreSQL 17 is ready on localhost:" + port + " and stops now (--no-wait); fmdb dev --dir "
                                + directory + " starts it again on this data. Then use it with:");
            } else {
                output.pass("PostgreSQL 17 is running on localhost:" + port + ". Use it with:");
            }
            output.line("  export DATABASE_URL='" + applicationUrl + "'");
            output.line("  export DIRECT_URL='" + url + "' FMDB_OWNER_ROLE=" + Roles.DEFAULT_OWNER + " FMDB_APP_ROLE="
                    + Roles.DEFAULT_APPLICATION);
            if (noWait) {
                return ExitCode.OK;
            }
            output.line("Stop it with Ctrl-C; the data stays in " + data + ".");
            shutdown.await();
        }
        return ExitCode.OK;
    }

    /**
     * The process id of a live PostgreSQL on {@code data}, from its {@code postmaster.pid} (whose first line is the
     * server's pid); empty when there is none, or the file outlived its server.
     */
    static OptionalLong runningServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalLong.empty();
        }
        String firstLine =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (!firstLine.matches("\\d{1,10}")) {
            return OptionalLong.empty();
        }
        long pid = Long.parseLong(firstLine);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                ? OptionalLong.of(pid)
                : OptionalLong.empty();
    }

    private EmbeddedPostgres start(Path data) {
        try {
            return EmbeddedPostgres.builder()
                    // The binaries unpack beside the data, this user's, not into one folder of the system's temporary
                    // directory that every user shares.
                    .setOverrideWorkingDirectory(data.resolveSibling("binaries").toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The embedded server is tuned for throwaway test data (fsync off); this data is kept.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new CommandFailedException(
                    ExitCode.CONNECTION,
                    "The embedded PostgreSQL did not start on port " + port + " with data in " + data + ": "
                            + e.getMessage() + ". Is the port taken? Try another --port.",
                    e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /** Runs another fmdb command against the server, printing to this command's output. */
    private int run(String... arguments) {
        return run(spec.commandLine().getOut(), arguments);
    }

    /** Runs another fmdb command in this process, its standard output to {@code out}, its errors to this one's. */
    private int run(PrintWriter out, String... arguments) {
        CommandLine fmdb = Fmdb.commandLine(Map.of());
        fmdb.setOut(out);
        fmdb.setErr(spec.commandLine().getErr());
        return fmdb.execute(arguments);
    }

    /**
     * Ctrl-C or SIGTERM, seen by a shutdown hook that holds the JVM until this is closed: the server is stopped (the
     * try block's resources close) before the JVM exits.
     */
    private static final class ShutdownSignal implements AutoCloseable {
        private final CountDownLatch requested = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);

        ShutdownSignal() {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                requested.countDown();
                                try {
                                    done.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "fmdb-dev-shutdown"));
        }

        void await() throws InterruptedException {
            requested.await();
        }

        @Override
        public void close() {
            done.countDown();
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
