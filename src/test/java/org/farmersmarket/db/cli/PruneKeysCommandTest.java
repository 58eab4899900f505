package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** {@code fmdb prune-keys}: the retention of idempotency keys, as an operator runs it. */
@MigratedDatabase
class PruneKeysCommandTest {

    private static void key(TestDatabase db, String key, int daysAgo) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            Sql.execute(
                    connection,
                    "INSERT INTO idempotency_keys (idempotency_key, operation, request_hash, created_at)"
                            + " VALUES (?, 'restock', '\\x" + "00".repeat(32) + "', now() - make_interval(days => ?))",
                    key,
                    daysAgo);
        }
    }

    private static long count(TestDatabase db, String prefix) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            return Sql.queryOne(
                    connection,
                    "SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE ?",
                    Long.class,
                    prefix + "%");
        }
    }

    @Test
    void pruneKeys_deletesKeysOlderThanTheRetention_andSaysHowMany(TestDatabase db) throws SQLException {
        String prefix = "prune-" + UUID.randomUUID() + "-";
        key(db, prefix + "old", 45);
        key(db, prefix + "week", 7);
        key(db, prefix + "new", 0);

        Cli.Result byDefault = Cli.run("prune-keys", "--url", Cli.applicationUrl(db));
        long afterDefault = count(db, prefix);
        Cli.Result shorter = Cli.run("prune-keys", "--older-than", "5d", "--url", Cli.applicationUrl(db));

        assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
        assertThat(byDefault.out()).contains("more than 30 day(s) ago");
        assertThat(afterDefault).isEqualTo(2);
        assertThat(shorter.exitCode()).as(shorter.toString()).isZero();
        assertThat(shorter.out()).contains("Deleted 1 idempotency key(s) recorded more than 5 day(s) ago.");
        assertThat(count(db, prefix)).isEqualTo(1);
    }

    @Test
    void pruneKeys_withABadAge_exits2NamingTheOption(TestDatabase db) {
        Cli.Result malformed = Cli.run("prune-keys", "--older-than", "soon", "--url", Cli.applicationUrl(db));
        Cli.Result tooShort = Cli.run("prune-keys", "--older-than", "10s", "--url", Cli.applicationUrl(db));

        assertThat(malformed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(malformed.err()).contains("--older-than");
        assertThat(tooShort.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tooShort.err()).contains("at least a minute");
    }
}
