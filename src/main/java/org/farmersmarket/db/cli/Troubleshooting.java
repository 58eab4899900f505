package org.farmersmarket.db.cli;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.connect.ConnectionAdvice;
import org.farmersmarket.db.internal.connect.DatabaseAddress;
import org.farmersmarket.db.migration.MigrationFailedException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Turns failures into messages that say what happened and what to check, with the {@link ExitCode} that goes
 * with them. Every message is about the host, port, database and user: never the password.
 */
final class Troubleshooting {

    private Troubleshooting() {}

    /** Explains a failed connection attempt as the library does: unreachable, authentication, missing database. */
    static CommandFailedException connectionFailed(DatabaseAddress target, SQLException e) {
        return new CommandFailedException(ExitCode.CONNECTION, ConnectionAdvice.explain(target, e), e);
    }

    /** Explains any failure that reached the command line; the exit code goes with it. */
    static CommandFailedException explain(Throwable failure) {
        if (failure instanceof CommandFailedException known) {
            return known;
        }
        if (failure instanceof InvalidInputException invalid) {
            return new CommandFailedException(
                    ExitCode.CONNECTION, "Configuration error: " + invalid.getMessage(), invalid);
        }
        Optional<FlywayException> flyway = find(failure, FlywayException.class);
        if (failure instanceof MigrationFailedException || flyway.isPresent()) {
            return migrationFailed(flyway.orElse(null), failure);
        }
        Optional<SQLException> sql = find(failure, SQLException.class);
        if (sql.isPresent()) {
            return databaseError("Database error", sql.get());
        }
        Optional<IOException> file = find(failure, IOException.class);
        if (file.isPresent()) {
            return new CommandFailedException(ExitCode.USAGE, "Cannot use the file: " + file.get(), failure);
        }
        return new CommandFailedException(ExitCode.OTHER, "Unexpected error: " + failure, failure);
    }

    /** A database error outside connecting and migrating: PostgreSQL's message and SQL state. */
    static CommandFailedException databaseError(String what, SQLException e) {
        return new CommandFailedException(
                ExitCode.OTHER, what + ": " + serverMessage(e) + sqlStateSuffix(e.getSQLState()), e);
    }

    private static CommandFailedException migrationFailed(FlywayException flyway, Throwable failure) {
        if (flyway instanceof FlywayMigrateException migrate) {
            return new CommandFailedException(ExitCode.MIGRATION, describe(migrate), failure);
        }
        if (flyway instanceof FlywayValidateException) {
            return new CommandFailedException(
                    ExitCode.MIGRATION,
                    String.join(
                            "\n",
                            "The applied migrations do not match the migration scripts; nothing was migrated.",
                            withoutAdvertising(flyway.getMessage()),
                            "Run fmdb validate to see which file differs. If the edit is intended (a comment, a"
                                    + " fix that is already applied by hand), record the scripts' checksums with"
                                    + " fmdb repair --yes."),
                    failure);
        }
        String message = flyway != null ? flyway.getMessage() : failure.getMessage();
        return new CommandFailedException(ExitCode.MIGRATION, "Migration failed: " + message.strip(), failure);
    }

    private static String describe(FlywayMigrateException e) {
        MigrationInfo migration = e.getMigration();
        String script = migration == null ? "a migration" : migration.getScript();
        Optional<FlywaySqlScriptException> scriptFailure = find(e, FlywaySqlScriptException.class);
        Optional<SQLException> sql = find(e, SQLException.class);
        StringBuilder message = new StringBuilder("Migration ").append(script).append(" failed");
        if (e.getLineNumber() > 0) {
            message.append(" at line ").append(e.getLineNumber());
        }
        message.append(sql.map(cause -> " (SQL state " + cause.getSQLState() + ")")
                        .orElse(""))
                .append(":\n  ")
                .append(sql.map(Troubleshooting::serverMessage)
                        .orElse(e.getMessage().strip())
                        .replace("\n", "\n  "));
        scriptFailure
                .map(FlywaySqlScriptException::getStatement)
                .ifPresent(statement -> message.append("\nStatement:\n  ")
                        .append(statement.strip().replace("\n", "\n  ")));
        message.append('\n')
                .append(
                        e.isExecutableInTransaction()
                                ? "Nothing of this migration was applied: PostgreSQL rolled its transaction back."
                                        + " Fix the script and run fmdb migrate again."
                                : "This migration ran outside a transaction (executeInTransaction=false):"
                                        + " the statements before the failing one stay applied. Undo them by"
                                        + " hand (or make the script safe to rerun), fix the script and run fmdb"
                                        + " migrate again; if fmdb status lists it as Failed, run fmdb repair --yes"
                                        + " first.");
        return message.toString();
    }

    /** Flyway's message without its closing pointer to a vendor blog post. */
    private static String withoutAdvertising(String message) {
        return message.lines()
                .filter(line -> !line.startsWith("Need more flexibility"))
                .collect(Collectors.joining("\n"))
                .strip();
    }

    /** PostgreSQL's own message ({@code ERROR: ...} with its detail lines), or the driver's. */
    static String serverMessage(SQLException e) {
        return Optional.ofNullable(e.getMessage())
                .orElse(e.getClass().getSimpleName())
                .strip();
    }

    private static String sqlStateSuffix(String state) {
        return state == null || state.isEmpty() ? "" : " (SQL state " + state + ")";
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return Optional.empty();
    }
}
