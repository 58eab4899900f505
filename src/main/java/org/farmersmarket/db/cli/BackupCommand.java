package org.farmersmarket.db.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.farmersmarket.db.inventory.ChainHead;
import org.farmersmarket.db.inventory.InventoryRepository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb backup --out FILE} or {@code --dir DIR}: pg_dump in custom format, then the row count of each table in
 * the file; with {@code --dir}, a timestamped file and the directory pruned to {@code --keep-days}.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back the database up with pg_dump (custom format).",
            "Backs the whole database up with PostgreSQL's pg_dump in custom format (-Fc), then lists "
                    + "the rows of each table in the file (read back with pg_restore). pg_dump must be the "
                    + "server's major version or newer. The password reaches pg_dump through PGPASSWORD, never "
                    + "its command line. With --dir DIR the file is DIR/<database>-<UTC time>.dump and that "
                    + "database's backups in DIR older than --keep-days (90) are deleted: schedule it daily."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.TOOL_LINE})
final class BackupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @ArgGroup(multiplicity = "1")
    private Target target;

    /** Where the backup goes: one file, or a timestamped file in a directory that is pruned. */
    static final class Target {

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The backup file to write.")
        Path out;

        @Option(
                names = "--dir",
                required = true,
                paramLabel = "DIR",
                description = {
                    "Write DIR/<database>-<UTC time>.dump (created if missing), then delete that database's "
                            + "backups in DIR older than --keep-days."
                })
        Path dir;
    }

    @Option(
            names = "--keep-days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description = "With --dir: how many days of backups to keep; 0 keeps all. Default: ${DEFAULT-VALUE}.")
    private int keepDays;

    @Option(names = "--overwrite", description = "Replace FILE if it exists.")
    private boolean overwrite;

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "The pg_dump to run. Default: pg_dump on PATH.")
    private Path pgDumpPath;

    @Option(
            names = "--pg-restore",
            paramLabel = "PATH",
            description = "The pg_restore that reads the counts back. Default: beside pg_dump, else on PATH.")
    private Path pgRestorePath;

    @Override
    public Integer call() throws IOException {
        Output output = Output.of(spec);
        if (keepDays < 0) {
            output.error("--keep-days must be 0 (keep all) or more, was " + keepDays + ".");
            return ExitCode.USAGE;
        }
        if (target.out != null && Files.exists(target.out) && !overwrite) {
            output.error(target.out + " exists; refusing to overwrite it without --overwrite.");
            return ExitCode.USAGE;
        }
        Map<String, String> environment = connection.environment();
        PostgresTool pgDump = PostgresTool.locate("pg_dump", pgDumpPath, "--pg-dump", environment);
        try (Database database = Database.open(connection.direct())) {
            Path out = target.out != null
                    ? target.out
                    : Backups.timestamped(target.dir, database.target().database(), Instant.now());
            write(output, database, pgDump, out);
            writeChainHeads(output, database, out);
            PostgresTool pgRestore = PostgresTool.locate("pg_restore", restorePath(), "--pg-restore", environment);
            Map<List<String>, Long> counts = ArchiveRowCounts.read(pgRestore, out, database.config());
            printCounts(output, counts);
            output.pass("Backup of " + counts.size() + " tables, "
                    + counts.values().stream().mapToLong(Long::longValue).sum() + " rows.");
            if (target.dir != null) {
                Backups.prune(output, target.dir, database.target().database(), keepDays, Instant.now());
            }
        }
        return ExitCode.OK;
    }

    /**
     * Writes the stock ledger's chain heads beside the archive ({@code ARCHIVE.heads}), read after the dump: every
     * row the archive holds is in a chain that reaches them, so {@code fmdb verify --heads} on this database, or on
     * a restore of the archive, finds any later rewrite of that history, even one whose links were recomputed.
     */
    static void writeChainHeads(Output output, Database database, Path archive) throws IOException {
        List<ChainHead> heads = new InventoryRepository(database.dsl()).chainHeads();
        Path file = ChainHeadsFile.beside(archive);
        ChainHeadsFile.write(file, heads);
        output.line("Wrote the chain heads of " + heads.size() + " lots to " + file
                + " (keep it with the backup; fmdb verify --heads " + file.getFileName() + " checks against it)");
    }

    /** Dumps the database to {@code out}, atomically, and says so; for {@code backup} and {@code migrate}. */
    static void write(Output output, Database database, PostgresTool pgDump, Path out) throws IOException {
        requireNotOlderThanServer(pgDump, database);
        Path partial = dump(pgDump, database, out);
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        output.line("Wrote " + out + " (" + Files.size(out) + " bytes) from "
                + database.target().describe() + " with pg_dump " + pgDump.version() + " (server "
                + database.serverVersion() + ")");
    }

    private static Path dump(PostgresTool pgDump, Database database, Path out) throws IOException {
        Path directory = out.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Written beside the target and moved into place once complete: FILE is never half a backup.
        Path partial = Files.createTempFile(directory, out.getFileName().toString(), ".partial");
        List<String> arguments = new ArrayList<>(List.of("--format=custom", "--file=" + partial));
        arguments.addAll(PostgresTool.connectionArguments(
                database.target(), database.target().database()));
        PostgresTool.Outcome outcome = pgDump.run(arguments, database.config(), null);
        if (!outcome.succeeded()) {
            Files.deleteIfExists(partial);
            throw new CommandFailedException(
                    ExitCode.TOOL,
                    "pg_dump " + pgDump.version() + " failed (exit code " + outcome.exitCode() + "): "
                            + outcome.errors());
        }
        return partial;
    }

    /** pg_dump refuses servers newer than itself; say so before it does, and say what to install. */
    static void requireNotOlderThanServer(PostgresTool tool, Database database) {
        int server = database.serverMajorVersion();
        if (tool.majorVersion() < server) {
            throw new CommandFailedException(
                    ExitCode.TOOL,
                    "Version mismatch: " + tool.name() + " " + tool.version() + " cannot dump a PostgreSQL "
                            + database.serverVersion() + " server; " + tool.name() + " must be of the server's"
                            + " major version (" + server + ") or newer. Install the PostgreSQL " + server
                            + " client tools (Debian/Ubuntu: postgresql-client-" + server + " from"
                            + " apt.postgresql.org) and pass --pg-dump /usr/lib/postgresql/" + server
                            + "/bin/pg_dump.");
        }
    }

    private Path restorePath() {
        if (pgRestorePath != null) {
            return pgRestorePath;
        }
        if (pgDumpPath != null) {
            Path sibling = pgDumpPath.resolveSibling("pg_restore");
            if (Files.isExecutable(sibling)) {
                return sibling;
            }
        }
        return null;
    }

    static void printCounts(Output output, Map<List<String>, Long> counts) {
        Output.Table table = output.table("Table", "Rows");
        counts.forEach((name, rows) -> table.row(String.join(".", name), rows));
        table.print();
    }
}
