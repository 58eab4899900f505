package org.farmersmarket.db.cli;

/**
 * The exit codes of every {@code fmdb} command, so scripts can tell a failed check from a broken connection. The
 * {@code *_LINE} constants are the same list as picocli shows it under "Exit codes" in {@code --help}.
 */
final class ExitCode {

    /** The command did what it was asked to; every check passed. */
    static final int OK = 0;

    /** A check failed: verify, validate, drift, or the row counts after a restore. */
    static final int CHECK_FAILED = 1;

    /** Bad arguments, or a refusal: a confirmation flag is missing, or the target looks like production. */
    static final int USAGE = 2;

    /** The configuration is invalid or the server cannot be reached, authenticated to, or lacks the database. */
    static final int CONNECTION = 3;

    /** A migration failed, or the applied migrations no longer match the scripts. */
    static final int MIGRATION = 4;

    /** pg_dump or pg_restore is missing, too old for the server, or failed. */
    static final int TOOL = 5;

    /** Any other error; for a database error the message carries PostgreSQL's own error and SQL state. */
    static final int OTHER = 6;

    static final String OK_LINE = "0:Success; every check passed.";
    static final String CHECK_FAILED_LINE = "1:A check failed (verify, validate, drift, restore row counts).";
    static final String USAGE_LINE = "2:Usage or file error, or refused (missing --yes/--force, production guard).";
    static final String CONNECTION_LINE = "3:Bad configuration, or cannot connect (unreachable, auth, no database).";
    static final String MIGRATION_LINE = "4:A migration failed, or applied migrations do not match the scripts.";
    static final String TOOL_LINE = "5:pg_dump/pg_restore missing, too old for the server, or failed.";
    static final String OTHER_LINE = "6:Any other error (for database errors: PostgreSQL's message, SQL state).";

    private ExitCode() {}
}
