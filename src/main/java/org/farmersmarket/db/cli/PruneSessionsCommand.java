package org.farmersmarket.db.cli;

import java.util.concurrent.Callable;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.users.AccountRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fmdb prune-sessions}: {@link AccountRepository#deleteExpired()} for an operator's schedule. */
@Command(
        name = "prune-sessions",
        mixinStandardHelpOptions = true,
        description = {
            "Delete expired sign-in sessions and verification tokens.",
            "Deletes the sessions and one-time verification tokens whose expiry has passed (by the database's clock), "
                    + "in batches of 1,000, each its own short transaction: safe to run while the shop is open; run "
                    + "it daily. Expired ones already sign no one in; this only reclaims their rows. Uses "
                    + "DATABASE_URL / --url."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.OTHER_LINE})
final class PruneSessionsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApplicationConnection connection;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        try (Database database = Database.open(connection.config())) {
            AccountRepository.ExpiredSignIns deleted =
                    FarmersMarketDb.using(database.dsl()).accounts().deleteExpired();
            output.line("Deleted " + deleted.sessions() + " expired session(s) and " + deleted.verificationTokens()
                    + " expired verification token(s).");
        }
        return ExitCode.OK;
    }
}
