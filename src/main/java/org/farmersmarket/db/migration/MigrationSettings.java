package org.farmersmarket.db.migration;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * How {@link Migrations} runs the scripts on a live database: which role owns what they create, which role the
 * application connects as, and how long a migration may wait for a lock or run one statement.
 *
 * <ul>
 *   <li><b>Owner role</b> (default: none, the connecting user owns what it creates). When set, every migration
 *       session runs {@code SET ROLE owner}, so the owner may be {@code NOLOGIN} and the user of the direct URL only
 *       a member of it.
 *   <li><b>Application role</b> (default: none, no grants). When set, every {@code migrate} ends by granting it
 *       exactly what the repositories need on the library's tables (read and write rows; only append to the stock
 *       ledger {@code inventory_history}; only read the migration history), so a table
 *       a new migration adds is never left ungranted; the role must exist before migrating.
 *   <li><b>Lock timeout</b> (default {@value #DEFAULT_LOCK_TIMEOUT_SECONDS} s): a migration that waits longer for
 *       a lock fails (SQL state 55P03) instead of queueing every query of the shop behind it. Zero turns it off.
 *   <li><b>Statement timeout</b> (default {@value #DEFAULT_STATEMENT_TIMEOUT_MINUTES} min): the longest one
 *       statement may run, such as an index build or a validation. Zero turns it off.
 * </ul>
 *
 * <p>Immutable; the {@code with...} methods return a copy.
 */
public final class MigrationSettings {

    static final long DEFAULT_LOCK_TIMEOUT_SECONDS = 5;
    static final long DEFAULT_STATEMENT_TIMEOUT_MINUTES = 30;

    /** PostgreSQL's largest timeout: its settings are whole milliseconds in a signed 32-bit integer. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    /** Unquoted PostgreSQL identifiers only: the names go into GRANT and SET ROLE statements as they are. */
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    private static final MigrationSettings DEFAULTS = new MigrationSettings(
            null,
            null,
            Duration.ofSeconds(DEFAULT_LOCK_TIMEOUT_SECONDS),
            Duration.ofMinutes(DEFAULT_STATEMENT_TIMEOUT_MINUTES));

    private final String ownerRole;
    private final String applicationRole;
    private final Duration lockTimeout;
    private final Duration statementTimeout;

    private MigrationSettings(
            String ownerRole, String applicationRole, Duration lockTimeout, Duration statementTimeout) {
        this.ownerRole = ownerRole;
        this.applicationRole = applicationRole;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    /** No owner or application role; lock timeout 5 s, statement timeout 30 min. */
    public static MigrationSettings defaults() {
        return DEFAULTS;
    }

    /**
     * The role that owns the schema's objects, such as {@code fm_owner}; {@code null} for the connecting user.
     *
     * @throws InvalidInputException when the name is not a lower-case unquoted PostgreSQL identifier
     */
    public MigrationSettings withOwnerRole(String role) {
        return new MigrationSettings(roleName(role, "ownerRole"), applicationRole, lockTimeout, statementTimeout);
    }

    /**
     * The role the application connects as, such as {@code fm_app}; {@code null} for no grants.
     *
     * @throws InvalidInputException when the name is not a lower-case unquoted PostgreSQL identifier
     */
    public MigrationSettings withApplicationRole(String role) {
        return new MigrationSettings(ownerRole, roleName(role, "applicationRole"), lockTimeout, statementTimeout);
    }

    /**
     * How long a migration statement may wait for a lock; {@link Duration#ZERO} for no limit.
     *
     * @throws InvalidInputException when negative, finer than a millisecond or longer than PostgreSQL allows
     */
    public MigrationSettings withLockTimeout(Duration timeout) {
        return new MigrationSettings(ownerRole, applicationRole, timeout(timeout, "lockTimeout"), statementTimeout);
    }

    /**
     * How long one migration statement may run; {@link Duration#ZERO} for no limit.
     *
     * @throws InvalidInputException when negative, finer than a millisecond or longer than PostgreSQL allows
     */
    public MigrationSettings withStatementTimeout(Duration timeout) {
        return new MigrationSettings(ownerRole, applicationRole, lockTimeout, timeout(timeout, "statementTimeout"));
    }

    /** The role migrations act as, if not the connecting user. */
    public Optional<String> ownerRole() {
        return Optional.ofNullable(ownerRole);
    }

    /** The role granted the repositories' privileges after every migrate, if any. */
    public Optional<String> applicationRole() {
        return Optional.ofNullable(applicationRole);
    }

    /** How long a migration statement may wait for a lock; zero for no limit. */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** How long one migration statement may run; zero for no limit. */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    private static String roleName(String role, String field) {
        if (role == null) {
            return null;
        }
        if (!ROLE_NAME.matcher(role).matches()) {
            throw new InvalidInputException(
                    field,
                    field + " must be a lower-case PostgreSQL identifier (letters, digits, _ and $, at most 63, not"
                            + " starting with a digit), was \"" + role + "\"");
        }
        return role;
    }

    private static Duration timeout(Duration timeout, String field) {
        Arguments.required(timeout, field);
        if (timeout.isNegative() || timeout.compareTo(LONGEST_TIMEOUT) > 0 || timeout.toNanos() % 1_000_000 != 0) {
            throw new InvalidInputException(
                    field,
                    field + " must be whole milliseconds from 0 (no limit) to " + LONGEST_TIMEOUT + ", was " + timeout);
        }
        return timeout;
    }

    @Override
    public String toString() {
        return "MigrationSettings[ownerRole=" + ownerRole + ", applicationRole=" + applicationRole + ", lockTimeout="
                + lockTimeout + ", statementTimeout=" + statementTimeout + "]";
    }
}
