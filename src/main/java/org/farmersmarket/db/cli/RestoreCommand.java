package org.farmersmarket.db.cli;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.farmersmarket.db.config.DatabaseConfig;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb restore --from FILE [--into NAME]}: pg_restore into a new or empty database, in one transaction,
 * then the row count of every table compared with the counts in the backup.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore a backup into a new or empty database; compare row counts.",
            "Restores a backup written by fmdb backup (pg_dump -Fc) with PostgreSQL's pg_restore, in "
                    + "a single transaction, into a fresh database: --into NAME creates NAME (or uses it if it "
                    + "exists and is empty); without --into, the URL's database must be empty. Existing data is "
                    + "never overwritten. Then compares each table's row count with the backup's and prints "
                    + "both. Ownership and grants are not restored: the restored objects belong to the "
                    + "connecting user."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK_LINE,
            "1:The restored row counts differ from the backup's.",
            ExitCode.USAGE_LINE,
            ExitCode.CONNECTION_LINE,
            ExitCode.TOOL_LINE,
            ExitCode.OTHER_LINE
        })
final class RestoreCommand implements Callable<Integer> {

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");

    private static final String HAS_USER_OBJECTS = """
            select exists (
                select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
            ) or exists (
                select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                where t.typtype in ('e', 'd')
                and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
            )
            """;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup file to restore.")
    private Path from;

    @Option(
            names = "--into",
            paramLabel = "NAME",
            description = "Restore into this database on the same server: created if missing, must be empty if not.")
    private String into;

    @Option(
            names = "--pg-restore",
            paramLabel = "PATH",
            description = "The pg_restore to run. Default: pg_restore on PATH.")
    private Path pgRestorePath;

    private Output output;

    /** Why a file cannot be read, in a few words. */
    private static String whyNot(Path file) {
        if (!Files.exists(file)) {
            return "there is no such file";
        }
        return Files.isDirectory(file) ? "it is a directory" : "this user may not read it";
    }

    @Override
    public Integer call() {
        output = Output.of(spec);
        if (!Files.isReadable(from) || Files.isDirectory(from)) {
            throw new CommandFailedException(
                    ExitCode.USAGE, "Cannot read the backup file " + from + ": " + whyNot(from));
        }
        if (into != null && !DATABASE_NAME.matcher(into).matches()) {
            throw new ParameterException(
                    spec.commandLine(), "--into " + into + ": use letters, digits, _ and - (at most 63)");
        }
        try (Database server = Database.open(connection.direct())) {
            String target = into != null ? into : server.target().database();
            boolean exists = into == null || databaseExists(server.dsl(), into);
            if (exists && !isEmpty(server, target)) {
                output.error("Database " + target + " on " + server.target().host() + ":"
                        + server.target().port()
                        + " is not empty; restore only goes into a new or empty database. Name a new one with"
                        + " --into NAME.");
                return ExitCode.USAGE;
            }
            PostgresTool pgRestore =
                    PostgresTool.locate("pg_restore", pgRestorePath, "--pg-restore", connection.environment());
            Map<List<String>, Long> expected = ArchiveRowCounts.read(pgRestore, from, server.config());
            if (!exists) {
                // CREATE DATABASE's TEMPLATE has no typed form in jOOQ; the name is a quoted identifier.
                server.dsl().execute("create database {0} template template0", name(target));
                output.line("Created database " + target);
            }
            restore(pgRestore, server, target, !exists);
            return compare(server, target, expected);
        }
    }

    private static boolean databaseExists(DSLContext dsl, String database) {
        return dsl.fetchExists(selectOne()
                .from(table(name("pg_catalog", "pg_database")))
                .where(field(name("datname"), String.class).eq(database)));
    }

    private static boolean isEmpty(Database server, String database) {
        try (Database target = open(server, database)) {
            return !target.dsl().resultQuery(HAS_USER_OBJECTS).fetchSingle(0, Boolean.class);
        }
    }

    private static Database open(Database server, String database) {
        return database.equals(server.target().database())
                ? Database.open(server.config())
                : Database.open(Database.sameServer(server.config(), database));
    }

    private void restore(PostgresTool pgRestore, Database server, String target, boolean created) {
        DatabaseConfig config = Database.sameServer(server.config(), target);
        List<String> arguments = new ArrayList<>(PostgresTool.connectionArguments(server.target(), target));
        arguments.addAll(List.of("--no-owner", "--no-acl", "--single-transaction", "--exit-on-error"));
        arguments.add(from.toString());
        output.line("Restoring " + from + " into " + server.target().host() + ":"
                + server.target().port() + "/" + target + " with pg_restore " + pgRestore.version());
        PostgresTool.Outcome outcome = pgRestore.run(arguments, config, null);
        if (!outcome.succeeded()) {
            if (created) {
                server.dsl().dropDatabaseIfExists(name(target)).execute();
            }
            throw new CommandFailedException(
                    ExitCode.TOOL,
                    "pg_restore " + pgRestore.version() + " failed (exit code " + outcome.exitCode() + "); nothing"
                            + " was restored (single transaction)" + (created ? " and " + target + " was dropped" : "")
                            + ":\n" + outcome.errors());
        }
    }

    private int compare(Database server, String target, Map<List<String>, Long> expected) {
        Output.Table table = output.table("Table", "In backup", "Restored", "");
        int mismatches = 0;
        try (Database restored = open(server, target)) {
            for (Map.Entry<List<String>, Long> entry : expected.entrySet()) {
                long rows = restored.catalogDsl().fetchCount(DSL.table(DSL.name(entry.getKey())));
                boolean same = rows == entry.getValue();
                mismatches += same ? 0 : 1;
                table.styledRow(
                        same ? "green" : "red,bold",
                        String.join(".", entry.getKey()),
                        entry.getValue(),
                        rows,
                        same ? "ok" : "DIFFERENT");
            }
        }
        table.print();
        if (mismatches > 0) {
            output.fail(mismatches + " of " + expected.size() + " tables have other row counts than the backup.");
            return ExitCode.CHECK_FAILED;
        }
        output.pass("Restored " + expected.size() + " tables into " + target + "; every row count matches the"
                + " backup.");
        // --no-owner --no-acl: the copy belongs to the restoring user, whatever roles the source had.
        output.line("The restored tables belong to the user that restored them and carry no grants: before an"
                + " application uses the copy, run fmdb roles --apply and fmdb migrate with FMDB_OWNER_ROLE and"
                + " FMDB_APP_ROLE on it.");
        return ExitCode.OK;
    }
}
