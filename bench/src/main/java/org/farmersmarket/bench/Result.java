package org.farmersmarket.bench;

/** One measurement: a peer running a workload with some clients. Latencies in microseconds. */
record Result(
        Workload workload, String peer, int clients, double opsPerSecond, double p50, double p99, long operations,
        long errors, String note) {}
