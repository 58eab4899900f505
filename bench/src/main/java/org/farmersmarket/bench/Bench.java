package org.farmersmarket.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The benchmark: checks that every peer answers the same for fixed inputs, then measures every workload with 1 and
 * 4 clients, peers interleaved over several rounds (each peer's median round is reported), and writes RESULTS.md.
 *
 * <p>Arguments: {@code key=value} pairs: host, port, user, database, warmup, measure (seconds per round), rounds, peers
 * (comma-separated: ours,jdbc,hibernate,prisma,pgbench), workloads (comma-separated numbers 1-8, default all), scripts (the pgbench folder), prisma (the Prisma folder), out (RESULTS.md), notes (a
 * markdown file appended to the machine section, e.g. build timings).
 */
public final class Bench {

    private static final int[] CLIENTS = {1, 4};

    private Bench() {}

    public static void main(String[] arguments) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String argument : arguments) {
            String[] parts = argument.split("=", 2);
            options.put(parts[0], parts[1]);
        }
        String host = options.getOrDefault("host", "127.0.0.1");
        String port = options.getOrDefault("port", "5432");
        String user = options.getOrDefault("user", "postgres");
        String database = options.getOrDefault("database", "fm_bench");
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
        int measure = Integer.parseInt(options.getOrDefault("measure", "3"));
        int roundCount = Integer.parseInt(options.getOrDefault("rounds", "5"));
        List<String> peerNames = List.of(options.getOrDefault("peers", "ours,jdbc,hibernate,prisma,pgbench").split(","));
        List<Workload> workloads = Workload.parse(options.getOrDefault("workloads", ""));
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();

        List<HikariDataSource> pools = new ArrayList<>();
        Function<String, HikariDataSource> pool = name -> {
            HikariDataSource dataSource = new HikariDataSource(poolConfig(url, user, name));
            pools.add(dataSource);
            return dataSource;
        };
        List<Peer> peers = new ArrayList<>();
        for (String name : peerNames) {
            switch (name) {
                case "ours" -> peers.add(new OursPeer(pool.apply("ours")));
                case "jdbc" -> peers.add(new JdbcPeer(pool.apply("jdbc")));
                case "hibernate" -> peers.add(new HibernatePeer(pool.apply("hibernate")));
                case "pgbench", "prisma" -> {}
                default -> throw new IllegalArgumentException("unknown peer " + name);
            }
        }
        Pgbench pgbench = peerNames.contains("pgbench")
                ? new Pgbench(Path.of(options.getOrDefault("scripts", "pgbench")), host, port, user, database)
                : null;
        Prisma prisma = peerNames.contains("prisma")
                ? new Prisma(Path.of(options.getOrDefault("prisma", "prisma")), host, port, user, database)
                : null;
        HikariDataSource admin = pool.apply("admin");

        System.out.println("Checking that every peer gives the same answers ...");
        List<String> checks = Checks.run(peers, pgbench, prisma, admin);
        checks.forEach(line -> System.out.println("  " + line));

        // One JVM runs all Java peers: warm the JIT on every read workload for every Java peer before any timing,
        // so whoever is measured first does not pay for compiling jOOQ, Hibernate or pgjdbc code.
        System.out.println("JVM warm-up ...");
        for (Workload workload : workloads) {
            if (!workload.isRead()) {
                continue;
            }
            for (Peer peer : peers) {
                if (workload.runsOn(peer.name())) {
                    JavaRunner.run(peer, workload, 1, 0, 1);
                }
            }
        }

        List<Result> results = new ArrayList<>();
        int rotation = 0;
        for (Workload workload : workloads) {
            for (int clients : CLIENTS) {
                Map<String, List<Result>> rounds = new LinkedHashMap<>();
                for (int round = 0; round < roundCount; round++) {
                    List<String> order = new ArrayList<>(peerNames);
                    // Alternate who goes first, so no peer always meets the warmest (or most bloated) database, and
                    // interleave the peers round by round, so a spell of load on the machine hits them all alike.
                    java.util.Collections.rotate(order, rotation++);
                    for (String name : order) {
                        if (!workload.runsOn(name)) {
                            continue;
                        }
                        if (workload == Workload.RESTOCK_ALL) {
                            // Every restock rewrites all 10,000 lots: vacuum and checkpoint so each peer meets the same
                            // table and pays the same full-page writes.
                            resetLots(admin);
                        }
                        Result result = measure(
                                name, peers, pgbench, prisma, workload, clients, warmup, measure);
                        System.out.printf(
                                "%-12s %-9s c=%d round %d %10.1f ops/s p50 %8.0f us p99 %8.0f us%s%n",
                                workload,
                                name,
                                clients,
                                round + 1,
                                result.opsPerSecond(),
                                result.p50(),
                                result.p99(),
                                result.errors() > 0 ? " ERRORS " + result.errors() : "");
                        rounds.computeIfAbsent(name, key -> new ArrayList<>()).add(result);
                    }
                }
                rounds.values().forEach(each -> results.add(Result.median(each)));
            }
        }
        String machine = machine(admin, loadAtStart, warmup, measure, roundCount, peerNames);
        String notes = options.containsKey("notes") && Files.exists(Path.of(options.get("notes")))
                ? Files.readString(Path.of(options.get("notes")))
                : "";
        Report.write(Path.of(options.getOrDefault("out", "RESULTS.md")), machine, notes, checks, results);
        peers.forEach(Peer::close);
        pools.forEach(HikariDataSource::close);
    }

    private static Result measure(
            String name,
            List<Peer> peers,
            Pgbench pgbench,
            Prisma prisma,
            Workload workload,
            int clients,
            int warmup,
            int measure)
            throws IOException, InterruptedException {
        int warmupFor = workload.warmupSeconds(warmup);
        int measureFor = workload.measureSeconds(measure);
        return switch (name) {
            case "pgbench" -> pgbench.run(workload, clients, warmupFor, measureFor);
            case "prisma" -> prisma.run(workload, clients, warmupFor, measureFor);
            default -> JavaRunner.run(
                    peers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(),
                    workload,
                    clients,
                    warmupFor,
                    measureFor);
        };
    }

    private static void resetLots(HikariDataSource admin) throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("VACUUM inventory_items");
            statement.execute("CHECKPOINT");
        }
    }

    static HikariConfig poolConfig(String url, String user, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        // 2 x cores, as DESIGN.md section 6 asks; the same for every Java peer.
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setPoolName(name);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return config;
    }

    private static String machine(
            HikariDataSource admin, String loadAtStart, int warmup, int measure, int rounds, List<String> peers)
            throws SQLException, IOException {
        String version;
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version()")) {
            rows.next();
            version = rows.getString(1);
        }
        return "| | |\n|---|---|\n"
                + "| CPUs (nproc) | " + Runtime.getRuntime().availableProcessors() + " |\n"
                + "| CPU | " + cpuModel() + " |\n"
                + "| PostgreSQL | " + version + " |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " |\n"
                + "| Load average at start (1, 5, 15 min) | " + loadAtStart + " |\n"
                + "| Load average at end | " + Files.readString(Path.of("/proc/loadavg")).trim() + " |\n"
                + "| Per measurement | " + rounds + " rounds, peers interleaved; in each, " + warmup + " s warm-up, then "
                + measure + " s measured (bulk restock: " + Workload.RESTOCK_ALL.warmupSeconds(warmup) + " s, then "
                + Workload.RESTOCK_ALL.measureSeconds(measure) + " s); the round with the median ops/s is reported |\n"
                + "| Peers | " + String.join(", ", peers) + " |\n";
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown");
    }

    static Optional<BigDecimal> decimal(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(text));
    }

    static UUID uuid(String text) {
        return UUID.fromString(text);
    }
}
