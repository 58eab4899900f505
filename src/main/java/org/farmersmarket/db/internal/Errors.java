package org.farmersmarket.db.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.farmersmarket.db.ConcurrencyConflictException;
import org.farmersmarket.db.ConnectionFailedException;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.FarmersMarketDbException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PoolerModeException;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns the database's refusals into the library's exceptions, by SQLState and constraint name, so callers never
 * see a raw {@link DataAccessException} for a predictable case. The cause is always kept.
 *
 * <p>Also when an application's execute listener already translated jOOQ's exception into its own (Spring Boot's
 * turns it into a Spring {@code DataAccessException}): the driver's exception in the cause chain decides.
 */
final class Errors {

    private static final Pattern MISSING_KEY =
            Pattern.compile("Key \\((.+)\\)=\\((.+)\\) is not present in table \"(.+)\"\\.");

    /**
     * PostgreSQL's own names (Appendix A of its manual) of the value errors it raises without naming a constraint:
     * {@link InvalidInputException#rule()} then carries one of them.
     */
    private static final Map<String, String> CONDITION_NAMES = Map.of(
            "22001", "string_data_right_truncation",
            "22003", "numeric_value_out_of_range",
            "22007", "invalid_datetime_format",
            "22008", "datetime_field_overflow",
            "22P02", "invalid_text_representation",
            "22021", "character_not_in_repertoire",
            "54000", "program_limit_exceeded");

    private Errors() {}

    /** Runs database work and translates any refusal; our own exceptions pass through unchanged. */
    static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (FarmersMarketDbException e) {
            throw e;
        } catch (DataAccessException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            // An application's listener or transaction provider wrapped the failure in its own exception (Spring's
            // do): translate when a driver or pool failure is inside.
            if (cause(e, java.sql.SQLException.class) == null && cause(e, FarmersMarketDbException.class) == null) {
                throw e;
            }
            throw translate(e);
        }
    }

    /** The library exception for a jOOQ exception; {@link FarmersMarketDbException}s inside it come out as is. */
    static FarmersMarketDbException translate(DataAccessException e) {
        return translate((RuntimeException) e);
    }

    private static FarmersMarketDbException translate(RuntimeException e) {
        FarmersMarketDbException ours = cause(e, FarmersMarketDbException.class);
        if (ours != null) {
            return ours;
        }
        PSQLException driver = cause(e, PSQLException.class);
        ServerErrorMessage server = driver == null ? null : driver.getServerErrorMessage();
        if (server == null) {
            return withoutServerMessage(e, driver);
        }
        String constraint = server.getConstraint();
        String detail = server.getDetail() == null ? server.getMessage() : server.getDetail();
        return switch (String.valueOf(server.getSQLState())) {
            case "23505" -> new DuplicateException(constraint, "Duplicate value (" + constraint + "): " + detail, e);
            case "23503" -> foreignKey(constraint, detail, e);
            case "23514", "23P01" ->
                new InvalidInputException(
                        constraint, "Value breaks rule " + constraint + ": " + server.getMessage(), e);
            case "23502" -> new InvalidInputException(server.getColumn(), "Missing value: " + server.getMessage(), e);
            case "40001", "40P01" ->
                new ConcurrencyConflictException(
                        "Conflict with a concurrent transaction, safe to retry: " + server.getMessage(), e);
            case "22001", "22003", "22007", "22008", "22P02", "22021", "54000" ->
                new InvalidInputException(
                        CONDITION_NAMES.get(server.getSQLState()), "Invalid value: " + server.getMessage(), e);
            case "57P01", "57P02", "57P03", "53300" -> connectionFailed(server.getSQLState(), server.getMessage(), e);
            case "26000", "42P05", "22P03" ->
                // The library's own SQL never names prepared statements: these come from pgjdbc's, seen by another
                // server connection than the one that prepared them, which is what PgBouncer's transaction mode does.
                // 22P03 (invalid binary representation) is the same collision one step on: the name existed there,
                // prepared by another client for other parameters, and received this statement's binary values.
                poolerMode(server, e);
            case "08P01" ->
                String.valueOf(server.getMessage()).contains("prepared statement")
                        ? poolerMode(server, e)
                        : connectionFailed(server.getSQLState(), server.getMessage(), e);
            default ->
                server.getSQLState().startsWith("08")
                        ? connectionFailed(server.getSQLState(), server.getMessage(), e)
                        : new FarmersMarketDbException("Database error " + server.getSQLState() + ": " + server, e);
        };
    }

    /** A failure the server did not describe: a lost or refused connection, or the pool's timeout. */
    private static FarmersMarketDbException withoutServerMessage(RuntimeException e, PSQLException driver) {
        String state = driver == null ? null : driver.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
            return connectionFailed(state, driver.getMessage(), e);
        }
        java.sql.SQLTransientConnectionException pool = cause(e, java.sql.SQLTransientConnectionException.class);
        if (pool != null) {
            return connectionFailed(
                    pool.getSQLState(), "No database connection free within the pool timeout: " + pool.getMessage(), e);
        }
        return new FarmersMarketDbException("Database access failed: " + e.getMessage(), e);
    }

    private static PoolerModeException poolerMode(ServerErrorMessage server, Throwable e) {
        return new PoolerModeException(
                "The database connection goes through a pooler in transaction mode (PgBouncer), but the connection"
                        + " string lacks pgbouncer=true: " + server.getMessage() + " (" + server.getSQLState()
                        + "). Add pgbouncer=true to DATABASE_URL (it turns server-side prepared statements off);"
                        + " migrations belong on DIRECT_URL.",
                e);
    }

    private static ConnectionFailedException connectionFailed(String state, String message, Throwable e) {
        return new ConnectionFailedException(state, "Database connection failed (" + state + "): " + message, e);
    }

    /** The first throwable of the type in the chain of causes, starting with {@code e} itself. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable current = e; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static FarmersMarketDbException foreignKey(String constraint, String detail, RuntimeException e) {
        Matcher missing = MISSING_KEY.matcher(String.valueOf(detail));
        Optional<Entity> entity = missing.matches() ? Entity.ofTable(missing.group(3)) : Optional.empty();
        if (entity.isPresent()) {
            var notFound = new NotFoundException(entity.get(), missing.group(2));
            notFound.initCause(e);
            return notFound;
        }
        return new InvalidInputException(constraint, "Still referenced (" + constraint + "): " + detail, e);
    }
}
