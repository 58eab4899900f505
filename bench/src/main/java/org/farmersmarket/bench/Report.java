package org.farmersmarket.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes RESULTS.md: the machine, the answer checks, one table per workload and the targets. */
final class Report {

    private Report() {}

    static void write(Path file, String machine, String notes, List<String> checks, List<Result> results)
            throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark results\n\n");
        out.append("Written by `bench/run.sh` at ").append(Instant.now()).append(". See `bench/README.md` for what ")
                .append("each workload and peer does. Each peer's figures are its median round; ")
                .append("ratio = peer ops/s / ours ops/s at the same client count ")
                .append("(above 1: the peer is faster). Latencies in milliseconds.\n\n");
        out.append("## Machine\n\n").append(machine).append('\n');
        if (!notes.isBlank()) {
            out.append(notes.strip()).append("\n\n");
        }
        out.append("## Answer check (before timing)\n\n");
        checks.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append('\n');
        for (Workload workload : Workload.all()) {
            out.append("## ").append(workload.title).append("\n\n");
            out.append("| peer | clients | ops/s | p50 ms | p99 ms | ratio to ours | errors | ops/s by round |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (int clients : new int[] {1, 4}) {
                Optional<Result> ours = find(results, workload, "ours", clients);
                results.stream()
                        .filter(r -> r.workload() == workload && r.clients() == clients)
                        .forEach(r -> out.append(String.format(
                                Locale.ROOT,
                                "| %s | %d | %.1f | %.3f | %.3f | %s | %d | %s |%n",
                                r.peer(),
                                r.clients(),
                                r.opsPerSecond(),
                                r.p50() / 1000.0,
                                r.p99() / 1000.0,
                                ours.filter(o -> o.opsPerSecond() > 0 && r.opsPerSecond() > 0)
                                        .map(o -> String.format(Locale.ROOT, "%.2f", r.opsPerSecond() / o.opsPerSecond()))
                                        .orElse("-"),
                                r.errors(),
                                r.note())));
            }
            out.append('\n');
        }
        out.append(targets(results));
        Files.writeString(file, out.toString());
    }

    private static String targets(List<Result> results) {
        StringBuilder out = new StringBuilder("## The issue's targets\n\n");
        out.append("| target | workload | clients | ours ÷ peer | met |\n|---|---|---:|---:|---|\n");
        for (Workload workload : Workload.all()) {
            for (int clients : new int[] {1, 4}) {
                target(out, results, workload, clients, "jdbc", 0.90, "ours >= 0.90x plain JDBC");
                if (workload == Workload.DETAIL
                        || workload == Workload.PLACE_ORDER
                        || workload == Workload.ORDER_BY_ID) {
                    target(out, results, workload, clients, "hibernate", 2.0, "ours >= 2x Hibernate");
                }
                target(out, results, workload, clients, "prisma", 3.0, "ours >= 3x Prisma");
                if (workload == Workload.RESTOCK_ALL) {
                    target(out, results, workload, clients, "pgbench", 0.5, "restock within 2x of pgbench");
                }
            }
        }
        return out.append('\n').toString();
    }

    private static void target(
            StringBuilder out,
            List<Result> results,
            Workload workload,
            int clients,
            String peer,
            double minimum,
            String name) {
        Optional<Result> ours = find(results, workload, "ours", clients);
        Optional<Result> other = find(results, workload, peer, clients);
        if (ours.isEmpty() || other.isEmpty()) {
            return;
        }
        if (!(ours.get().opsPerSecond() > 0) || !(other.get().opsPerSecond() > 0)) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | - | no result (0 operations completed) |%n",
                    name,
                    workload.title.substring(0, workload.title.indexOf(' ', 3)),
                    clients));
            return;
        }
        double ratio = ours.get().opsPerSecond() / other.get().opsPerSecond();
        out.append(String.format(
                Locale.ROOT,
                "| %s | %s | %d | %.2f | %s |%n",
                name,
                workload.title.substring(0, workload.title.indexOf(' ', 3)),
                clients,
                ratio,
                ratio >= minimum ? "yes" : "**no**"));
    }

    private static Optional<Result> find(List<Result> results, Workload workload, String peer, int clients) {
        return results.stream()
                .filter(r -> r.workload() == workload && r.peer().equals(peer) && r.clients() == clients)
                .findFirst();
    }
}
