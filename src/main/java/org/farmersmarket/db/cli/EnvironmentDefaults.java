package org.farmersmarket.db.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The environment variable behind each option that has one: picocli takes an option's default from here when the
 * flag is not given, so every command reads {@code FMDB_*} the same way and {@code --help} shows where a default
 * comes from. A blank variable counts as unset. The database URLs are not here: which of {@code --url},
 * {@code --direct-url}, {@code DIRECT_URL} and {@code DATABASE_URL} wins depends on the command ({@link
 * ConnectionOptions}).
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    /** Each option's variable, by the option's name. */
    static final Map<String, String> VARIABLES = Map.of(
            "--owner-role", "FMDB_OWNER_ROLE",
            "--app-role", "FMDB_APP_ROLE",
            "--lock-timeout", "FMDB_LOCK_TIMEOUT",
            "--statement-timeout", "FMDB_STATEMENT_TIMEOUT",
            "--production-pattern", "FMDB_PRODUCTION_PATTERN",
            "--backup-dir", "FMDB_BACKUP_DIR");

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * A handler of bad option values that names the environment variable when the value came from it (the flag was
     * not given), without the usage text, which cannot help; any other error goes to {@code handler}.
     */
    IParameterExceptionHandler naming(IParameterExceptionHandler handler) {
        return (failure, args) -> {
            String variable =
                    failure.getArgSpec() instanceof OptionSpec option ? VARIABLES.get(option.longestName()) : null;
            if (variable == null || environment.get(variable) == null || given(failure.getArgSpec(), args)) {
                return handler.handleParseException(failure, args);
            }
            CommandLine command = failure.getCommandLine();
            String reason = failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
            Output.of(command.getCommandSpec())
                    .error(variable + " (the default of " + ((OptionSpec) failure.getArgSpec()).longestName() + "): "
                            + reason);
            return ExitCode.USAGE;
        };
    }

    private static boolean given(ArgSpec argument, String[] args) {
        for (String arg : args) {
            for (String name : ((OptionSpec) argument).names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String variable = VARIABLES.get(option.longestName());
        String value = variable == null ? null : environment.get(variable);
        return value == null || value.isBlank() ? argument.defaultValue() : value;
    }
}
