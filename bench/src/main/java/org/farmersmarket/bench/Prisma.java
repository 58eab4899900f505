package org.farmersmarket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prisma peer: runs bench/prisma/bench.mjs on Node.js, one process per measurement or check. */
final class Prisma {

    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\":(\"[^\"]*\"|[-0-9.eE]+|null)");

    private final Path folder;
    private final String databaseUrl;

    Prisma(Path folder, String host, String port, String user, String database) {
        this.folder = folder;
        this.databaseUrl = "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    Map<String, String> check(Workload workload) {
        return entries(node(List.of("check", workload.name())));
    }

    Result run(Workload workload, int clients, int warmupSeconds, int measureSeconds) {
        Map<String, String> result = entries(node(List.of(
                "run",
                workload.name(),
                Integer.toString(clients),
                Integer.toString(warmupSeconds),
                Integer.toString(measureSeconds))));
        return new Result(
                workload,
                "prisma",
                clients,
                number(result.get("opsPerSecond")),
                number(result.get("p50")),
                number(result.get("p99")),
                (long) number(result.get("ops")),
                (long) number(result.get("errors")),
                result.getOrDefault("firstError", ""));
    }

    private static double number(String value) {
        return value == null || value.equals("null") ? Double.NaN : Double.parseDouble(value);
    }

    private static Map<String, String> entries(String json) {
        Map<String, String> entries = new LinkedHashMap<>();
        Matcher matcher = ENTRY.matcher(json);
        while (matcher.find()) {
            String value = matcher.group(2);
            entries.put(matcher.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        return entries;
    }

    private String node(List<String> arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("node", "bench.mjs"));
            command.addAll(arguments);
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
            builder.environment().put("BENCH_DATABASE_URL", databaseUrl);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("node bench.mjs " + arguments + " failed:\n" + output);
            }
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
