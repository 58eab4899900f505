package org.farmersmarket.db.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fmdb prune-keys}: deletes idempotency keys past their retention, in batches that never block a write. */
@Command(
        name = "prune-keys",
        mixinStandardHelpOptions = true,
        description = {
            "Delete idempotency keys older than the retention (default 30d).",
            "Deletes the idempotency keys recorded longer ago than --older-than, in batches of 1,000, each its own "
                    + "short transaction that skips keys a write in flight holds: safe to run while the shop takes "
                    + "orders; run it daily. A retry with a deleted key is a new request and writes again, so keep "
                    + "the retention longer than any client retries. Uses DATABASE_URL / --url."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.OTHER_LINE})
final class PruneKeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApplicationConnection connection;

    @Option(
            names = "--older-than",
            paramLabel = "AGE",
            description = "Delete keys recorded longer ago than this, such as 30d or 12h; at least 1min. Default: 30d.")
    private String olderThan;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        Duration age;
        try {
            age = olderThan == null ? IdempotencyKey.DEFAULT_RETENTION : Durations.parse(olderThan, "--older-than");
            if (age.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new InvalidInputException(
                        "--older-than",
                        "--older-than must be at least a minute (a retry" + " must find its key), was " + olderThan);
            }
        } catch (InvalidInputException e) {
            output.error(e.getMessage());
            return ExitCode.USAGE;
        }
        try (Database database = Database.open(connection.config())) {
            long deleted = FarmersMarketDb.using(database.dsl()).deleteIdempotencyKeysOlderThan(age);
            output.line("Deleted " + deleted + " idempotency key(s) recorded more than " + describe(age) + " ago.");
        }
        return ExitCode.OK;
    }

    private static String describe(Duration age) {
        return age.toSeconds() % 86_400 == 0 ? age.toDays() + " day(s)" : age.toString();
    }
}
