package org.farmersmarket.db.cli;

import java.util.Map;
import java.util.Objects;
import org.farmersmarket.db.internal.connect.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb}, the operations tool of the farmers-market database: the migration runbook (migrate, status,
 * validate, repair, reset), post-migration checks (verify, drift), seed data, backup and restore, and an ER
 * diagram. Run it as {@code java -jar farmers-market-db-<version>-cli.jar <command> --help}.
 */
@Command(
        name = "fmdb",
        mixinStandardHelpOptions = true,
        versionProvider = Fmdb.Version.class,
        description = "Operations for the farmers-market PostgreSQL database: migrations, checks, seed data, backups.",
        subcommands = {
            MigrateCommand.class,
            StatusCommand.class,
            ValidateCommand.class,
            RepairCommand.class,
            RolesCommand.class,
            ResetCommand.class,
            VerifyCommand.class,
            DriftCommand.class,
            SeedCommand.class,
            PruneKeysCommand.class,
            PruneSessionsCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            ErdCommand.class,
            DevCommand.class,
            HelpCommand.class
        },
        footerHeading = "%nConfiguration:%n",
        footer = {
            "  DATABASE_URL  the application's connection (may be pooled: pgbouncer=true)",
            "  DIRECT_URL    a direct connection for migrations, schema checks and backups",
            "  Both take postgresql://user:password@host:5432/db?sslmode=require or",
            "  jdbc:postgresql://... with sslmode, connection_limit, pgbouncer=true,",
            "  connect_timeout and schema. --url and --direct-url win over them.",
            "  FMDB_OWNER_ROLE, FMDB_APP_ROLE  the owner and application roles (fmdb roles)",
            "  FMDB_LOCK_TIMEOUT, FMDB_STATEMENT_TIMEOUT  migrations' timeouts (5s, 30min)",
            "  FMDB_PRODUCTION_PATTERN  reset's production guard (a regular expression)",
            "  Passwords are never printed."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK_LINE,
            ExitCode.CHECK_FAILED_LINE,
            ExitCode.USAGE_LINE,
            ExitCode.CONNECTION_LINE,
            ExitCode.MIGRATION_LINE,
            ExitCode.TOOL_LINE,
            ExitCode.OTHER_LINE
        })
public final class Fmdb implements Runnable {

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    private Fmdb(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Runs the tool and exits the JVM with the command's {@link ExitCode exit code}.
     *
     * @param args the command and its options, such as {@code status --url postgresql://...}
     */
    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line with its error handling, on the given environment (tests pass their own). */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Fmdb(Objects.requireNonNull(environment, "environment")));
        EnvironmentDefaults defaults = new EnvironmentDefaults(environment);
        commandLine.setDefaultValueProvider(defaults);
        commandLine.setParameterExceptionHandler(defaults.naming(commandLine.getParameterExceptionHandler()));
        commandLine.setExecutionExceptionHandler(Fmdb::handleFailure);
        return commandLine;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** {@code fmdb} without a command: a usage error that lists the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: name one of the commands below");
    }

    private static int handleFailure(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        CommandFailedException explained = Troubleshooting.explain(failure);
        Output.of(commandLine.getCommandSpec()).error(Redaction.redact(explained.getMessage()));
        return explained.exitCode();
    }

    /**
     * Flyway and jOOQ log through SLF4J; in the tool's own jar that is slf4j-simple, whose INFO lines would drown
     * the tool's output. Warnings stay on, except jOOQ's notice that it has not been certified with the server's
     * version yet, which is no help to an operator, and Flyway's log line about a failed migration, which the
     * tool's own message repeats with more detail.
     */
    private static void quietLibraryLogging() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport", "error");
        // A failed migration is explained by the tool's own message, with the file, line and PostgreSQL's error.
        setIfAbsent("org.slf4j.simpleLogger.log.org.flywaydb.core.internal.command.DbMigrate", "off");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The version from the runnable jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Fmdb.class.getPackage().getImplementationVersion();
            return new String[] {"fmdb " + (version == null ? "(development build)" : version)};
        }
    }
}
