package org.farmersmarket.db.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.farmersmarket.db.config.DatabaseConfig;
import org.farmersmarket.db.internal.connect.DatabaseAddress;
import org.farmersmarket.db.internal.connect.Redaction;
import org.postgresql.Driver;

/**
 * PostgreSQL's own client programs, pg_dump and pg_restore: found on {@code PATH} or where a flag says, their
 * version read, and run against a database with the connection's settings. The password goes to the child in
 * its {@code PGPASSWORD} environment variable, never on its command line, where other users could read it.
 */
final class PostgresTool {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    /** URL parameters that libpq reads from the environment under another name. */
    private static final Map<String, String> LIBPQ_ENVIRONMENT = Map.of(
            "sslmode", "PGSSLMODE",
            "sslrootcert", "PGSSLROOTCERT",
            "sslcert", "PGSSLCERT",
            "sslkey", "PGSSLKEY",
            "connectTimeout", "PGCONNECT_TIMEOUT");

    private final String name;
    private final Path executable;
    private final String version;
    private final int majorVersion;

    private PostgresTool(String name, Path executable, String version, int majorVersion) {
        this.name = name;
        this.executable = executable;
        this.version = version;
        this.majorVersion = majorVersion;
    }

    /**
     * Finds the tool and reads its version.
     *
     * @param name {@code pg_dump} or {@code pg_restore}
     * @param explicit the path a flag gave, or null to search {@code PATH}
     * @param flag the flag that names it, for the message when it is missing
     * @param environment the environment whose {@code PATH} is searched
     * @throws CommandFailedException with {@link ExitCode#TOOL} when it is missing or does not run
     */
    static PostgresTool locate(String name, Path explicit, String flag, Map<String, String> environment) {
        Path executable =
                explicit != null ? explicit : onPath(name, environment).orElse(null);
        if (executable == null || !Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            String where = explicit != null ? explicit + " is not an executable file" : name + " is not on PATH";
            throw new CommandFailedException(
                    ExitCode.TOOL,
                    where + ". Install the PostgreSQL client tools of the server's major version or newer"
                            + " (Debian/Ubuntu: apt-get install postgresql-client-<major>, from apt.postgresql.org"
                            + " for versions newer than the distribution's; macOS: brew install libpq), or name"
                            + " the program with " + flag + " /path/to/" + name + ".");
        }
        String output = versionOutput(name, executable);
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new CommandFailedException(
                    ExitCode.TOOL, executable + " --version did not print a PostgreSQL version: " + output.strip());
        }
        String version = matcher.group(1) + (matcher.group(2) == null ? "" : "." + matcher.group(2));
        return new PostgresTool(name, executable, version, Integer.parseInt(matcher.group(1)));
    }

    private static Optional<Path> onPath(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String versionOutput(String name, Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.TOOL, "Cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(ExitCode.TOOL, name + " --version was interrupted", e);
        }
    }

    String name() {
        return name;
    }

    String version() {
        return version;
    }

    int majorVersion() {
        return majorVersion;
    }

    /** {@code --host}, {@code --port}, {@code --username} and {@code --dbname} for this database. */
    static List<String> connectionArguments(DatabaseAddress target, String database) {
        return List.of(
                "--host=" + target.host(),
                "--port=" + target.port(),
                "--username=" + target.user(),
                "--dbname=" + database,
                // Fail instead of prompting: nobody is there to type a password.
                "--no-password");
    }

    /**
     * Runs the tool with the arguments; its standard output goes to {@code standardOutput} (or is discarded).
     *
     * @return the exit code and what it wrote to standard error, passwords redacted
     */
    Outcome run(List<String> arguments, DatabaseConfig config, LineConsumer standardOutput) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        environmentFor(config, builder.environment());
        try {
            Path errors = Files.createTempFile("fmdb-" + name, ".log");
            try {
                builder.redirectError(errors.toFile());
                if (standardOutput == null) {
                    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                }
                Process process = builder.start();
                if (standardOutput != null) {
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        standardOutput.accept(reader);
                    }
                }
                int exitCode = process.waitFor();
                return new Outcome(
                        exitCode, Redaction.redact(Files.readString(errors)).strip());
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.TOOL, "Cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(ExitCode.TOOL, name + " was interrupted", e);
        }
    }

    private static void environmentFor(DatabaseConfig config, Map<String, String> environment) {
        environment.put("PGAPPNAME", "fmdb");
        config.password().ifPresent(password -> environment.put("PGPASSWORD", password));
        Properties url = Driver.parseURL(config.jdbcUrl(), new Properties());
        if (url != null) {
            LIBPQ_ENVIRONMENT.forEach((parameter, variable) -> {
                String value = url.getProperty(parameter);
                if (value != null) {
                    environment.put(variable, value);
                }
            });
        }
    }

    /** Reads a tool's standard output. */
    @FunctionalInterface
    interface LineConsumer {
        void accept(BufferedReader lines) throws IOException;
    }

    /** How a run ended. */
    record Outcome(int exitCode, String errors) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }
}
