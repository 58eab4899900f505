package org.farmersmarket.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One measurement: a peer running a workload with some clients. Latencies in microseconds. */
record Result(
        Workload workload, String peer, int clients, double opsPerSecond, double p50, double p99, long operations,
        long errors, String note) {

    /**
     * The round with the median throughput among one peer's rounds (the lower middle one for an even count), with
     * every round's ops/s in its note: one slow or fast spell of the machine moves the median less than a mean.
     */
    static Result median(List<Result> rounds) {
        List<Result> sorted = rounds.stream().sorted(Comparator.comparingDouble(Result::opsPerSecond)).toList();
        Result middle = sorted.get((sorted.size() - 1) / 2);
        String spread = rounds.stream()
                .map(r -> String.format(Locale.ROOT, "%.1f", r.opsPerSecond()))
                .collect(Collectors.joining(" / "));
        String note = middle.note().isEmpty() ? spread : spread + "; " + middle.note();
        long errors = rounds.stream().mapToLong(Result::errors).sum();
        return new Result(middle.workload, middle.peer, middle.clients, middle.opsPerSecond, middle.p50, middle.p99,
                middle.operations, errors, note);
    }
}
