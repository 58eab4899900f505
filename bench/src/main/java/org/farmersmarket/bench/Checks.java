package org.farmersmarket.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Before timing: every peer runs every workload on fixed inputs, and every answer must equal ours (ids in order,
 * counts, totals). Any difference stops the run.
 */
final class Checks {

    private static final int[] PRODUCTS = {1, 2, 17, 250, 4999};
    private static final int[] ORDERS = {1, 2, 777, 20000};
    private static final int[] SESSIONS = {1, 2, 500, 1000};
    private static final int[][] SEARCHES = {{1, 5}, {3, 20}, {5, 38}};

    private Checks() {}

    static List<String> run(List<Peer> peers, Pgbench pgbench, Prisma prisma, DataSource admin) throws SQLException {
        List<String> report = new ArrayList<>();
        for (Workload workload : Workload.all()) {
            List<Map<String, String>> answers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Peer peer : peers) {
                if (workload.runsOn(peer.name())) {
                    names.add(peer.name());
                    answers.add(javaAnswers(peer, workload, admin));
                }
            }
            if (pgbench != null && workload.runsOn("pgbench")) {
                names.add("pgbench");
                answers.add(pgbenchAnswers(pgbench, workload, admin));
            }
            if (prisma != null && workload.runsOn("prisma")) {
                names.add("prisma");
                answers.add(prisma.check(workload));
            }
            for (int i = 1; i < answers.size(); i++) {
                for (String input : answers.getFirst().keySet()) {
                    String expected = answers.getFirst().get(input);
                    String actual = answers.get(i).get(input);
                    if (!Objects.equals(expected, actual)) {
                        throw new IllegalStateException("Answers differ for " + workload + " " + input + ":\n  "
                                + names.getFirst() + ": " + expected + "\n  " + names.get(i) + ": " + actual);
                    }
                }
            }
            report.add(workload + ": " + answers.getFirst().size() + " input(s), " + String.join(", ", names)
                    + " agree; e.g. " + abbreviate(answers.getFirst().values().iterator().next()));
        }
        return report;
    }

    private static String abbreviate(String answer) {
        return answer.length() > 90 ? answer.substring(0, 90) + "..." : answer;
    }

    private static Map<String, String> javaAnswers(Peer peer, Workload workload, DataSource admin)
            throws SQLException {
        Map<String, String> answers = new LinkedHashMap<>();
        switch (workload) {
            case PRODUCT_BY_ID -> {
                for (int product : PRODUCTS) {
                    answers.put("p" + product, peer.productById(Ids.product(product)));
                }
            }
            case SEARCH -> {
                for (int[] search : SEARCHES) {
                    answers.put("c" + search[0] + "/" + search[1], peer.search(search(search)));
                }
            }
            case DETAIL -> {
                for (int product : PRODUCTS) {
                    answers.put("p" + product, peer.detail(Ids.product(product)));
                }
            }
            case PLACE_ORDER ->
                answers.put(
                        "u1: p1 p4 p7",
                        peer.placeOrder(Ids.customer(1), List.of(Ids.product(1), Ids.product(4), Ids.product(7))));
            case ORDER_BY_ID -> {
                for (int order : ORDERS) {
                    answers.put("o" + order, peer.orderById(Ids.order(order)));
                }
            }
            case HISTORY -> {
                for (int product : PRODUCTS) {
                    answers.put("p" + product, peer.history(Ids.product(product)));
                }
            }
            case SIGNED_IN -> {
                for (int customer : SESSIONS) {
                    answers.put("s" + customer, peer.sessionAndUser(Ids.sessionToken(customer)));
                }
            }
            case RESTOCK_ALL -> {
                long before = historyRows(admin);
                String count = peer.restockAll(Inputs.ALL_LOTS);
                answers.put("all lots", count + " reported, " + (historyRows(admin) - before) + " history rows");
            }
        }
        return answers;
    }

    private static Inputs.Search search(int[] search) {
        return new Inputs.Search(
                Ids.rootCategory(search[0]), BigDecimal.valueOf(search[1]), BigDecimal.valueOf(search[1] + 10L));
    }

    private static Map<String, String> pgbenchAnswers(Pgbench pgbench, Workload workload, DataSource admin)
            throws SQLException {
        Map<String, String> answers = new LinkedHashMap<>();
        switch (workload) {
            case PRODUCT_BY_ID -> {
                for (int product : PRODUCTS) {
                    String[] row = rows(pgbench.runOnce(workload, Map.of("i", "" + product))).getFirst();
                    answers.put(
                            "p" + product, Answers.product(UUID.fromString(row[0]), row[3], new BigDecimal(row[6]), row[9]));
                }
            }
            case SEARCH -> {
                for (int[] search : SEARCHES) {
                    List<String[]> rows =
                            rows(pgbench.runOnce(workload, Map.of("c", "" + search[0], "lo", "" + search[1], "page", "21")));
                    answers.put("c" + search[0] + "/" + search[1], firstColumn(rows, 20));
                }
            }
            case DETAIL -> {
                for (int product : PRODUCTS) {
                    List<String[]> rows = rows(pgbench.runOnce(workload, Map.of("i", "" + product)));
                    String[] detail = withColumns(rows, 24).getFirst();
                    List<Integer> stars = new ArrayList<>();
                    for (int column = 19; column <= 23; column++) {
                        stars.add(Integer.parseInt(detail[column]));
                    }
                    answers.put(
                            "p" + product,
                            Answers.detail(
                                    UUID.fromString(detail[0]),
                                    detail[14],
                                    withColumns(rows, 4).size(),
                                    Integer.parseInt(detail[16]),
                                    Bench.decimal(detail[17]),
                                    Integer.parseInt(detail[18]),
                                    stars,
                                    withColumns(rows, 7).stream()
                                            .map(row -> UUID.fromString(row[0]))
                                            .toList()));
                }
            }
            case PLACE_ORDER -> {
                List<String[]> rows = rows(pgbench.runOnce(workload, Map.of("u", "1", "a", "1", "b", "4", "c", "7")));
                String[] order = withColumns(rows, 16).getFirst();
                answers.put(
                        "u1: p1 p4 p7",
                        Answers.placedOrder(
                                new BigDecimal(order[6]),
                                new BigDecimal(order[7]),
                                new BigDecimal(order[9]),
                                withColumns(rows, 7).size(),
                                new BigDecimal(withColumns(rows, 12).getFirst()[2])));
            }
            case ORDER_BY_ID -> {
                for (int number : ORDERS) {
                    List<String[]> rows = rows(pgbench.runOnce(workload, Map.of("o", "" + number)));
                    String[] order = withColumns(rows, 16).getFirst();
                    answers.put(
                            "o" + number,
                            Answers.order(
                                    order[1],
                                    new BigDecimal(order[9]),
                                    withColumns(rows, 7).stream()
                                            .map(row -> UUID.fromString(row[0]))
                                            .toList(),
                                    withColumns(rows, 12).stream()
                                            .map(row -> UUID.fromString(row[0]))
                                            .toList()));
                }
            }
            case HISTORY -> {
                for (int product : PRODUCTS) {
                    answers.put(
                            "p" + product, firstColumn(rows(pgbench.runOnce(workload, Map.of("i", "" + product))), 50));
                }
            }
            case SIGNED_IN -> {
                for (int customer : SESSIONS) {
                    String[] row = rows(pgbench.runOnce(workload, Map.of("i", "" + customer))).getFirst();
                    answers.put(
                            "s" + customer,
                            Answers.session(UUID.fromString(row[0]), UUID.fromString(row[4]), row[5], row[9]));
                }
            }
            case RESTOCK_ALL -> {
                long before = historyRows(admin);
                pgbench.runOnce(workload, Map.of());
                long added = historyRows(admin) - before;
                answers.put("all lots", added + " reported, " + added + " history rows");
            }
        }
        return answers;
    }

    private static List<String[]> rows(String output) {
        List<String[]> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split("\\|", -1));
            }
        }
        return rows;
    }

    private static List<String[]> withColumns(List<String[]> rows, int columns) {
        return rows.stream().filter(row -> row.length == columns).toList();
    }

    private static String firstColumn(List<String[]> rows, int limit) {
        return Answers.ids(rows.stream()
                .limit(limit)
                .map(row -> UUID.fromString(row[0]))
                .toList());
    }

    private static long historyRows(DataSource admin) throws SQLException {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM inventory_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
