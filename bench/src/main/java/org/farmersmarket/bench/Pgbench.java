package org.farmersmarket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pgbench peer: the scripts in bench/pgbench, {@code -M prepared}, one connection per client. Latencies come
 * from pgbench's per-transaction log. {@link #runOnce} runs a script through psql with fixed variables, for the
 * answer check.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Path scripts;
    private final String host;
    private final String port;
    private final String user;
    private final String database;

    Pgbench(Path scripts, String host, String port, String user, String database) {
        this.scripts = scripts;
        this.host = host;
        this.port = port;
        this.user = user;
        this.database = database;
    }

    Result run(Workload workload, int clients, int warmupSeconds, int measureSeconds) {
        try {
            Path logs = Files.createTempDirectory("pgbench-log");
            pgbench(workload, clients, warmupSeconds, null);
            String output = pgbench(workload, clients, measureSeconds, logs.resolve("tx"));
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                throw new IllegalStateException("pgbench printed no tps:\n" + output);
            }
            List<Long> latencies = new ArrayList<>();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    for (String line : Files.readAllLines(file)) {
                        // client_id transaction_no time_us script_no time_epoch time_us_fraction
                        latencies.add(Long.parseLong(line.split(" ")[2]));
                    }
                }
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long failed = failedTransactions(output);
            return new Result(
                    workload,
                    "pgbench",
                    clients,
                    Double.parseDouble(tps.group(1)),
                    percentile(sorted, 50),
                    percentile(sorted, 99),
                    sorted.length,
                    failed,
                    "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long failedTransactions(String output) {
        Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(output);
        return failed.find() ? Long.parseLong(failed.group(1)) : 0;
    }

    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private String pgbench(Workload workload, int clients, int seconds, Path logPrefix) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "pgbench", "-n", "-M", "prepared", "-h", host, "-p", port, "-U", user,
                "-c", Integer.toString(clients), "-j", Integer.toString(clients), "-T", Integer.toString(seconds),
                "-f", scripts.resolve(workload.script).toString()));
        if (logPrefix != null) {
            command.addAll(List.of("--log", "--log-prefix=" + logPrefix));
        }
        command.add(database);
        return exec(command, Map.of());
    }

    /** Runs the script once through psql with fixed values for its variables; returns its rows, unaligned. */
    String runOnce(Workload workload, Map<String, String> variables) {
        try {
            String script = Files.readString(scripts.resolve(workload.script));
            // pgbench's \set draws random values: psql gets the fixed ones with -v; psql needs :'x' to quote a text
            // variable that pgbench would pass as a parameter.
            StringBuilder body = new StringBuilder();
            for (String line : script.split("\n")) {
                if (!line.startsWith("\\set")) {
                    body.append(line.replace(":order_id::uuid", ":'order_id'::uuid")).append('\n');
                }
            }
            Path file = Files.createTempFile("check-" + workload.script, ".sql");
            Files.writeString(file, body.toString());
            List<String> command = new ArrayList<>(List.of(
                    "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user,
                    "-d", database, "-f", file.toString()));
            variables.forEach((name, value) -> command.addAll(Arrays.asList("-v", name + "=" + value)));
            return exec(command, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String exec(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return output;
    }
}
