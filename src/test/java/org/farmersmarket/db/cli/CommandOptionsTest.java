package org.farmersmarket.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each command offers the options it uses and no other: the application's URL alone where a command works as the
 * application does, the direct URL too where it works on the schema or the whole database, the migrations' roles
 * and timeouts only where migrations are applied; and an option's FMDB_* variable is read as the flag is, before
 * the command starts.
 */
class CommandOptionsTest {

    private static final Set<String> MIGRATION_SETTINGS =
            Set.of("--owner-role", "--app-role", "--lock-timeout", "--statement-timeout");

    private static Set<String> optionsOf(String command) {
        return Fmdb.commandLine(Map.of()).getSubcommands().get(command).getCommandSpec().options().stream()
                .map(OptionSpec::longestName)
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "verify", "prune-keys", "prune-sessions"})
    void applicationCommands_offerTheUrlButNoDirectUrl(String command) {
        assertThat(optionsOf(command)).contains("--url").doesNotContain("--direct-url");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"migrate", "status", "validate", "repair", "roles", "reset", "drift", "backup", "restore", "erd"
            })
    void schemaCommands_offerBothUrls(String command) {
        assertThat(optionsOf(command)).contains("--url", "--direct-url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "validate", "verify", "drift"})
    void commandsThatOnlyReadTheScripts_offerTheirLocationsButNoMigrationSettings(String command) {
        assertThat(optionsOf(command)).contains("--locations").doesNotContainAnyElementsOf(MIGRATION_SETTINGS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrate", "repair", "reset"})
    void commandsThatApplyMigrations_offerTheRolesAndTimeouts(String command) {
        assertThat(optionsOf(command)).contains("--locations").containsAll(MIGRATION_SETTINGS);
    }

    @Test
    void aLockTimeoutFromTheEnvironmentThatIsNoDuration_isAUsageError_beforeTheCommandStarts() {
        Cli.Result run = Cli.run(
                Map.of("FMDB_LOCK_TIMEOUT", "abc", "DATABASE_URL", "postgresql://nobody@127.0.0.1:1/market"),
                "migrate");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .contains("FMDB_LOCK_TIMEOUT (the default of --lock-timeout): \"abc\" is no duration")
                .as("no usage text for a bad variable")
                .doesNotContain("Usage:");
        assertThat(run.out()).as("nothing printed before the refusal").doesNotContain("Migrating");
    }

    @Test
    void aLockTimeoutFlagThatIsNoDuration_isNamedAsTheFlag_evenWithTheVariableSet() {
        Cli.Result run = Cli.run(
                Map.of("FMDB_LOCK_TIMEOUT", "3s", "DATABASE_URL", "postgresql://nobody@127.0.0.1:1/market"),
                "migrate",
                "--lock-timeout=xyz");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().findFirst().orElse(""))
                .as("the message, before the usage text")
                .startsWith("Invalid value for option '--lock-timeout': \"xyz\" is no duration")
                .doesNotContain("FMDB_LOCK_TIMEOUT");
    }
}
